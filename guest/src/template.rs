//! Message templates with the `{{placeholders}}` of contracts.md, and the
//! renderer of one occurrence's inbox messages.
//!
//! Decisions (documented in guest/README.md):
//! - `{{firstName}}`: the recipient's first name, or the username when it is
//!   absent or blank.
//! - `{{endsAt}}`: the promotion's end in its zone, e.g. `Sat 4 July 2026, 09:00 CEST`.
//! - `{{dayNumber}}`: 1-based number of the occurrence.
//! - `{{daysLeft}}`: messages from this one to the last, inclusive (1 on the last day).
//! - `{{discountPercent}}`: the number alone (write `{{discountPercent}}%`);
//!   a template that uses it requires `package.discountPercent`.
//! - subject: `{title} – day {dayNumber} of {total}`.
//!
//! A template is parsed once per occurrence; everything but the first name is
//! filled in then, so rendering a recipient is a few string copies.

use crate::model::{FieldError, MessageBatch, Occurrence, Problem, Product, Promotion, Recipient, RenderedMessage};
use crate::promotion;
use jiff::Timestamp;

/// A placeholder that contracts.md defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    FirstName,
    PromotionTitle,
    DiscountPercent,
    EndsAt,
    DayNumber,
    DaysLeft,
}

impl Placeholder {
    fn from_name(name: &str) -> Option<Placeholder> {
        Some(match name {
            "firstName" => Placeholder::FirstName,
            "promotionTitle" => Placeholder::PromotionTitle,
            "discountPercent" => Placeholder::DiscountPercent,
            "endsAt" => Placeholder::EndsAt,
            "dayNumber" => Placeholder::DayNumber,
            "daysLeft" => Placeholder::DaysLeft,
            _ => return None,
        })
    }
}

/// A piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'t> {
    Text(&'t str),
    Placeholder(Placeholder),
}

/// A parsed message template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template<'t> {
    pieces: Vec<Piece<'t>>,
}

const FIELD: &str = "package.message";

impl<'t> Template<'t> {
    /// Splits a template into text and placeholders; `{{ name }}` may have
    /// spaces inside the braces. Reports every unknown placeholder.
    pub fn parse(source: &'t str) -> Result<Template<'t>, Vec<FieldError>> {
        let mut pieces = Vec::new();
        let mut errors = Vec::new();
        let mut rest = source;
        while let Some(open) = rest.find("{{") {
            if open > 0 {
                pieces.push(Piece::Text(&rest[..open]));
            }
            let after_open = &rest[open + 2..];
            let Some(close) = after_open.find("}}") else {
                errors.push(FieldError::new(FIELD, Problem::Malformed, "package.message has a '{{' without a closing '}}'"));
                rest = "";
                break;
            };
            let name = after_open[..close].trim();
            match Placeholder::from_name(name) {
                Some(placeholder) => pieces.push(Piece::Placeholder(placeholder)),
                None => errors.push(FieldError::new(
                    FIELD,
                    Problem::UnknownPlaceholder(name.to_string()),
                    format!(
                        "package.message uses the unknown placeholder {{{{{name}}}}}; known are firstName, promotionTitle, discountPercent, endsAt, dayNumber, daysLeft"
                    ),
                )),
            }
            rest = &after_open[close + 2..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest));
        }
        if errors.is_empty() { Ok(Template { pieces }) } else { Err(errors) }
    }

    pub fn pieces(&self) -> &[Piece<'t>] {
        &self.pieces
    }

    pub fn uses_discount_percent(&self) -> bool {
        self.pieces.contains(&Piece::Placeholder(Placeholder::DiscountPercent))
    }
}

/// The body template of one occurrence with every placeholder but the first
/// name filled in.
#[derive(Debug, Clone)]
enum BodyPart {
    Text(String),
    FirstName,
}

/// Renders the inbox messages of one occurrence for batches of recipients.
#[derive(Debug, Clone)]
pub struct OccurrenceRenderer {
    promotion_id: String,
    occurrence: Occurrence,
    /// `{promotionId}/{day}/`, the idempotency key without the user id.
    key_prefix: String,
    expires_at: Timestamp,
    products: Vec<Product>,
    subject: String,
    body: Vec<BodyPart>,
    body_text_len: usize,
}

impl OccurrenceRenderer {
    /// Validates the promotion and prepares the occurrence with the given index.
    pub fn prepare(promotion: &Promotion, occurrence_index: u32) -> Result<OccurrenceRenderer, Vec<FieldError>> {
        let schedule = promotion::check(promotion)?;
        let occurrences = schedule.occurrences();
        let Some(&occurrence) = occurrences.get(occurrence_index as usize) else {
            return Err(vec![FieldError::new(
                "occurrence.index",
                Problem::OutOfRange,
                format!("occurrence.index {occurrence_index} does not exist; the promotion has {} occurrences", occurrences.len()),
            )]);
        };
        let total = occurrences.len();
        let day_number = occurrence.index as usize + 1;
        let days_left = total - occurrence.index as usize;
        let ends_at = schedule.ends_zoned().strftime("%a %-d %B %Y, %H:%M %Z").to_string();
        let template = Template::parse(&promotion.package.message)?;
        let mut body: Vec<BodyPart> = Vec::new();
        let push_text = |body: &mut Vec<BodyPart>, text: &str| match body.last_mut() {
            Some(BodyPart::Text(previous)) => previous.push_str(text),
            _ => body.push(BodyPart::Text(text.to_string())),
        };
        for piece in template.pieces() {
            match piece {
                Piece::Text(text) => push_text(&mut body, text),
                Piece::Placeholder(Placeholder::FirstName) => body.push(BodyPart::FirstName),
                Piece::Placeholder(Placeholder::PromotionTitle) => push_text(&mut body, &promotion.title),
                Piece::Placeholder(Placeholder::DiscountPercent) => {
                    push_text(&mut body, &promotion.package.discount_percent.unwrap_or_default().to_string())
                }
                Piece::Placeholder(Placeholder::EndsAt) => push_text(&mut body, &ends_at),
                Piece::Placeholder(Placeholder::DayNumber) => push_text(&mut body, &day_number.to_string()),
                Piece::Placeholder(Placeholder::DaysLeft) => push_text(&mut body, &days_left.to_string()),
            }
        }
        let body_text_len = body.iter().map(|part| if let BodyPart::Text(text) = part { text.len() } else { 0 }).sum();
        Ok(OccurrenceRenderer {
            promotion_id: promotion.id.clone(),
            occurrence,
            key_prefix: format!("{}/{}/", promotion.id, occurrence.day),
            expires_at: schedule.ends(),
            products: promotion.package.products.clone(),
            subject: format!("{} – day {day_number} of {total}", promotion.title),
            body,
            body_text_len,
        })
    }

    /// The occurrence this renderer renders.
    pub fn occurrence(&self) -> Occurrence {
        self.occurrence
    }

    /// The messages of a batch of recipients, in recipient order.
    pub fn render(&self, recipients: &[Recipient]) -> MessageBatch {
        MessageBatch {
            promotion_id: self.promotion_id.clone(),
            day: self.occurrence.day,
            expires_at: self.expires_at,
            products: self.products.clone(),
            messages: recipients.iter().map(|recipient| self.render_one(recipient)).collect(),
        }
    }

    fn render_one(&self, recipient: &Recipient) -> RenderedMessage {
        let first_name = match &recipient.first_name {
            Some(name) if !name.trim().is_empty() => name.as_str(),
            _ => recipient.username.as_str(),
        };
        let mut body = String::with_capacity(self.body_text_len + 2 * first_name.len());
        for part in &self.body {
            match part {
                BodyPart::Text(text) => body.push_str(text),
                BodyPart::FirstName => body.push_str(first_name),
            }
        }
        let mut idempotency_key = String::with_capacity(self.key_prefix.len() + recipient.user_id.len());
        idempotency_key.push_str(&self.key_prefix);
        idempotency_key.push_str(&recipient.user_id);
        RenderedMessage {
            idempotency_key,
            recipient_id: recipient.user_id.clone(),
            subject: self.subject.clone(),
            body,
        }
    }
}
