//! `toml_parser`'s events for the whole text, made one section at a time
//! as they are read: the text is lexed as it goes, and each section (from
//! one line that starts with `[` to the next) is parsed when the events
//! before it have been read, so that only one section's tokens and events
//! are held at once.
//!
//! A section is parsed on its own only when that cannot change what the
//! parser makes of it: when the parser ends it between two lines with no
//! problem found. Where it finds one (an array left open runs on past the
//! next `[` at the start of a line, and so does any syntax error), the
//! section is parsed again together with the rest of the text, in one
//! piece, which is what the `toml` crate parses. The events read are thus
//! always those of the whole text, and every syntax error comes from this
//! one parser.

use std::iter::Peekable;

use toml_parser::decoder::Encoding;
use toml_parser::lexer::{Lexer, Token, TokenKind};
use toml_parser::parser::{Event, EventKind, EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Source, Span};

/// How deep arrays and inline tables may nest, and keys be dotted, as in
/// the `toml` crate (its `LIMIT`).
pub(super) const LIMIT: usize = 80;

pub(super) struct Events<'i> {
    /// The text lexed: the whole plan, or one piece of it.
    source: Source<'i>,
    /// Where `source` starts in the plan: added to every event's span, so
    /// that events are always placed in the whole text.
    base: usize,
    lexer: Peekable<Lexer<'i>>,
    /// The text has been parsed to its end.
    done: bool,
    tokens: Vec<Token>,
    events: Vec<Event>,
    /// How many of `events` have been read.
    at: usize,
    /// The parser's problems, in the order it found them.
    pub errors: Vec<ParseError>,
}

impl<'i> Events<'i> {
    pub fn new(source: Source<'i>) -> Self {
        Self::piece(source, 0)
    }

    /// The events of a piece of the plan, `source`, which starts at `base`.
    pub fn piece(source: Source<'i>, base: usize) -> Self {
        Events {
            source,
            base,
            lexer: source.lex().peekable(),
            done: false,
            tokens: Vec::new(),
            events: Vec::new(),
            at: 0,
            errors: Vec::new(),
        }
    }

    pub fn next(&mut self) -> Option<Event> {
        self.peek()?;
        let event = self.events[self.at];
        self.at += 1;
        Some(event)
    }

    /// The kind of the next event, without reading it.
    pub fn peek(&mut self) -> Option<EventKind> {
        while self.at >= self.events.len() {
            if self.done {
                return None;
            }
            self.parse_section();
        }
        Some(self.events[self.at].kind())
    }

    /// Parses the next section, keeping the events not read yet.
    fn parse_section(&mut self) {
        self.events.drain(..self.at);
        self.at = 0;
        let kept = self.events.len();
        self.tokens.clear();
        self.done = next_section(&mut self.lexer, &mut self.tokens);
        let mut found = Vec::new();
        self.parse(&mut found);
        if !found.is_empty() && !self.done {
            // Parsed again with the rest of the text, as one piece.
            self.tokens.extend(self.lexer.by_ref());
            self.done = true;
            self.events.truncate(kept);
            found.clear();
            self.parse(&mut found);
        }
        self.errors.append(&mut found);
    }

    /// `toml_parser`'s events for `tokens`, checked as the `toml` crate
    /// checks them: comments and line ends validated, nesting limited.
    fn parse(&mut self, errors: &mut Vec<ParseError>) {
        let mut kept = Kept(&mut self.events, self.base);
        let mut validated = ValidateWhitespace::new(&mut kept, self.source);
        let mut guarded = RecursionGuard::new(&mut validated, LIMIT as u32);
        toml_parser::parser::parse_document(&self.tokens, &mut guarded, errors);
    }
}

/// Moves into `tokens` the tokens up to the next line that starts with `[`
/// (after blanks, if any); true when they run to the end of the text.
fn next_section(lexer: &mut Peekable<Lexer>, tokens: &mut Vec<Token>) -> bool {
    while let Some(token) = lexer.next() {
        tokens.push(token);
        if token.kind() == TokenKind::Newline {
            tokens.extend(lexer.next_if(|t| t.kind() == TokenKind::Whitespace));
            if lexer
                .peek()
                .is_some_and(|t| t.kind() == TokenKind::LeftSquareBracket)
            {
                return false;
            }
        }
    }
    true
}

/// The events that mean something to the tables: all but blanks, which
/// the `toml` crate's reading skips wherever they come (`document.rs` and
/// `value.rs` read the events as if they had none).
/// The spans are moved by the second field: where the text parsed starts.
struct Kept<'e>(&'e mut Vec<Event>, usize);

impl Kept<'_> {
    fn push(&mut self, kind: EventKind, encoding: Option<Encoding>, span: Span) {
        let span = Span::new_unchecked(span.start() + self.1, span.end() + self.1);
        self.0.push(Event::new_unchecked(kind, encoding, span));
    }
}

impl EventReceiver for Kept<'_> {
    fn std_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::StdTableOpen, None, span);
    }
    fn std_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::StdTableClose, None, span);
    }
    fn array_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ArrayTableOpen, None, span);
    }
    fn array_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ArrayTableClose, None, span);
    }
    fn inline_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        self.push(EventKind::InlineTableOpen, None, span);
        true
    }
    fn inline_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::InlineTableClose, None, span);
    }
    fn array_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        self.push(EventKind::ArrayOpen, None, span);
        true
    }
    fn array_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ArrayClose, None, span);
    }
    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        self.push(EventKind::SimpleKey, encoding, span);
    }
    fn key_sep(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::KeySep, None, span);
    }
    fn key_val_sep(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::KeyValSep, None, span);
    }
    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        self.push(EventKind::Scalar, encoding, span);
    }
    fn value_sep(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ValueSep, None, span);
    }
    fn comment(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::Comment, None, span);
    }
    fn newline(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::Newline, None, span);
    }
    fn error(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::Error, None, span);
    }
}
