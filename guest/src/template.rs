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
//! - subject: `{title} – day {dayNumber} of {total}`, once per batch (the
//!   same for every message of the occurrence).
//!
//! A template is parsed once per occurrence; everything but the first name is
//! filled in then, so rendering a recipient is a few string copies.

use crate::model::{FieldError, MessageBatch, Occurrence, Problem, Product, Promotion, Recipient, StringTable};
use promo_string_table::{TableError, checked_rows};
use crate::promotion;
use crate::schedule::Schedule;
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

/// `{{endsAt}}`: the promotion's end in its zone, e.g. `Sat 4 July 2026, 09:00 CEST`.
fn ends_at_text(schedule: &Schedule) -> String {
    schedule.ends_zoned().strftime("%a %-d %B %Y, %H:%M %Z").to_string()
}

/// The length in code points of the longest body `template` can render to for
/// this promotion: every placeholder at its longest (`{{firstName}}` at
/// [`promotion::FIRST_NAME_MAX`], day numbers at the last day's).
pub fn longest_body(template: &Template, promotion: &Promotion, schedule: &Schedule) -> usize {
    let days = schedule.occurrences().len().to_string().chars().count();
    template
        .pieces()
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.chars().count(),
            Piece::Placeholder(Placeholder::FirstName) => promotion::FIRST_NAME_MAX,
            Piece::Placeholder(Placeholder::PromotionTitle) => promotion.title.chars().count(),
            Piece::Placeholder(Placeholder::DiscountPercent) => 2,
            Piece::Placeholder(Placeholder::EndsAt) => ends_at_text(schedule).chars().count(),
            Piece::Placeholder(Placeholder::DayNumber | Placeholder::DaysLeft) => days,
        })
        .sum()
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
    day_count: u32,
    /// `{promotionId}/{day}/`, the idempotency key without the user id.
    key_prefix: String,
    expires_at: Timestamp,
    products: Vec<Product>,
    subject: String,
    body: Vec<BodyPart>,
    body_text_len: usize,
}

impl OccurrenceRenderer {
    /// Prepares the occurrence with the given index of a promotion that is
    /// valid and whose schedule this is (`promotion::CheckedPromotion`).
    pub fn new(promotion: &Promotion, schedule: &Schedule, occurrence_index: u32) -> Result<OccurrenceRenderer, FieldError> {
        let occurrences = schedule.occurrences();
        let Some(&occurrence) = occurrences.get(occurrence_index as usize) else {
            return Err(FieldError::new(
                "occurrence.index",
                Problem::OutOfRange,
                format!("occurrence.index {occurrence_index} does not exist; the promotion has {} occurrences", occurrences.len()),
            ));
        };
        let total = occurrences.len();
        let day_number = occurrence.index as usize + 1;
        let days_left = total - occurrence.index as usize;
        let ends_at = ends_at_text(schedule);
        // Validation parsed the template already; a failure here is a caller's bug.
        let template = Template::parse(&promotion.package.message).map_err(|mut errors| errors.remove(0))?;
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
            day_count: u32::try_from(total).expect("a promotion has at most a few hundred days"),
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

    /// The messages of a batch of recipients, in recipient order, written
    /// into one table (two strings per message: key, body).
    /// Stops at the first recipient that cannot be read.
    pub fn render<'r>(
        &self,
        recipients: impl ExactSizeIterator<Item = Result<Recipient<'r>, FieldError>>,
    ) -> Result<MessageBatch, FieldError> {
        let count = recipients.len();
        // A guess at the text's size (ids are UUIDs, names short); the table grows if it is short.
        let per_message = self.key_prefix.len() + 36 + self.body_text_len + 16;
        let mut messages = StringTable::with_capacity(2 * count, count * per_message);
        for recipient in recipients {
            self.render_one(&recipient?, &mut messages);
        }
        Ok(MessageBatch {
            promotion_id: self.promotion_id.clone(),
            day: self.occurrence.day,
            day_number: self.occurrence.index + 1,
            day_count: self.day_count,
            expires_at: self.expires_at,
            subject: self.subject.clone(),
            key_prefix: self.key_prefix.clone(),
            products: self.products.clone(),
            messages,
        })
    }

    fn render_one(&self, recipient: &Recipient, messages: &mut StringTable) {
        let first_name = match recipient.first_name {
            Some(name) if !name.trim().is_empty() => name,
            _ => recipient.username,
        };
        // Cut to the limit, so no recipient makes a message the inbox refuses.
        let first_name = first_name.char_indices().nth(promotion::FIRST_NAME_MAX).map_or(first_name, |(end, _)| &first_name[..end]);
        messages.push_with(|key| {
            key.push_str(&self.key_prefix);
            key.push_str(recipient.user_id);
        });
        messages.push_with(|body| {
            for part in &self.body {
                match part {
                    BodyPart::Text(text) => body.push_str(text),
                    BodyPart::FirstName => body.push_str(first_name),
                }
            }
        });
    }
}

/// The recipients of a `recipient-table` as it crossed the boundary (four
/// strings each: user id, username, first name, locale; empty means unknown),
/// each checked as it is read; a table that is not whole rows of its text
/// fails naming `recipients.ends`.
pub fn recipients<'a>(
    text: &'a str,
    ends: &'a [u32],
) -> Result<impl ExactSizeIterator<Item = Result<Recipient<'a>, FieldError>> + 'a, FieldError> {
    let rows = checked_rows::<4>(text, ends).map_err(malformed_table)?;
    Ok(rows.map(|row| {
        let [user_id, username, first_name, locale] = row.map_err(malformed_table)?;
        Ok(Recipient { user_id, username, first_name: known(first_name), locale: known(locale) })
    }))
}

fn malformed_table(error: TableError) -> FieldError {
    FieldError::new("recipients.ends", Problem::Malformed, format!("recipients.ends must describe four strings per recipient of the text: {error}"))
}

fn known(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Package, Status};

    fn promotion(message: &str) -> Promotion {
        Promotion {
            id: "summer-2026".into(),
            version: 1,
            status: Status::Published,
            title: "Summer Sale".into(),
            time_zone: "Europe/Berlin".into(),
            starts_at: "2026-07-01T14:00".into(),
            ends_at: "2026-07-04T09:00".into(),
            daily_send_time: Some("09:00".into()),
            package: Package {
                name: "Garden".into(),
                discount_percent: Some(20),
                message: message.into(),
                products: vec![Product {
                    sku: "A-1".into(),
                    name: "Hose".into(),
                    price_cents: 3999,
                    promo_price_cents: 3199,
                    currency: "EUR".into(),
                    image_url: None,
                    url: Some("https://shop.example/a".into()),
                }],
            },
        }
    }

    /// Checks the promotion and prepares one occurrence, as the component's
    /// `checked-promotion.renderer` does.
    fn prepare(promotion: &Promotion, occurrence_index: u32) -> Result<OccurrenceRenderer, Vec<FieldError>> {
        crate::promotion::CheckedPromotion::check(promotion.clone())?.renderer(occurrence_index).map_err(|error| vec![error])
    }

    fn recipient<'a>(user_id: &'a str, username: &'a str, first_name: Option<&'a str>) -> Recipient<'a> {
        Recipient { user_id, username, first_name, locale: None }
    }

    fn render<'r>(renderer: &OccurrenceRenderer, recipients: &[Recipient<'r>]) -> MessageBatch {
        renderer.render(recipients.iter().copied().map(Ok)).unwrap()
    }

    fn bodies(batch: &MessageBatch) -> Vec<&str> {
        batch.rendered().map(|m| m.body).collect()
    }

    #[test]
    fn parses_text_and_placeholders() {
        let template = Template::parse("Hi {{firstName}}, {{ dayNumber }}/{{daysLeft}}!").unwrap();
        assert_eq!(
            template.pieces(),
            [
                Piece::Text("Hi "),
                Piece::Placeholder(Placeholder::FirstName),
                Piece::Text(", "),
                Piece::Placeholder(Placeholder::DayNumber),
                Piece::Text("/"),
                Piece::Placeholder(Placeholder::DaysLeft),
                Piece::Text("!"),
            ]
        );
    }

    #[test]
    fn reports_every_unknown_placeholder_and_unclosed_braces() {
        let errors = Template::parse("{{a}} {{firstName}} {{b}} {{c").unwrap_err();
        let problems: Vec<Problem> = errors.into_iter().map(|e| e.problem).collect();
        assert_eq!(
            problems,
            [Problem::UnknownPlaceholder("a".into()), Problem::UnknownPlaceholder("b".into()), Problem::Malformed]
        );
    }

    #[test]
    fn renders_every_placeholder() {
        let template = "{{firstName}}|{{promotionTitle}}|{{discountPercent}}%|{{endsAt}}|{{dayNumber}}|{{daysLeft}}";
        let renderer = prepare(&promotion(template), 1).unwrap();
        let batch = render(&renderer, &[recipient("u-1", "alice", Some("Alice"))]);
        assert_eq!(bodies(&batch), ["Alice|Summer Sale|20%|Sat 4 July 2026, 09:00 CEST|2|2"]);
        assert_eq!(batch.subject, "Summer Sale – day 2 of 3");
    }

    #[test]
    fn last_day_has_one_day_left() {
        let renderer = prepare(&promotion("{{dayNumber}} {{daysLeft}}"), 2).unwrap();
        assert_eq!(bodies(&render(&renderer, &[recipient("u", "bob", None)])), ["3 1"]);
    }

    #[test]
    fn a_long_first_name_is_cut_to_the_limit() {
        let renderer = prepare(&promotion("{{firstName}}|{{firstName}}"), 0).unwrap();
        let name = "é".repeat(255);
        let batch = render(&renderer, &[recipient("u-1", "bob", Some(&name))]);
        let cut = "é".repeat(100);
        assert_eq!(bodies(&batch), [format!("{cut}|{cut}")]);
    }

    #[test]
    fn first_name_falls_back_to_the_username() {
        let renderer = prepare(&promotion("Hi {{firstName}}"), 0).unwrap();
        let batch =
            render(&renderer, &[recipient("u-1", "bob", None), recipient("u-2", "carol", Some("  ")), recipient("u-3", "dave", Some("Dave"))]);
        assert_eq!(bodies(&batch), ["Hi bob", "Hi carol", "Hi Dave"]);
    }

    #[test]
    fn batch_carries_key_day_expiry_and_products() {
        let renderer = prepare(&promotion("Hi"), 1).unwrap();
        let batch = render(&renderer, &[recipient("7f1c", "alice", None), recipient("9a2b", "bob", None)]);
        assert_eq!(batch.promotion_id, "summer-2026");
        assert_eq!(batch.day.to_string(), "2026-07-02");
        assert_eq!((batch.day_number, batch.day_count), (2, 3));
        assert_eq!(batch.expires_at, "2026-07-04T07:00:00Z".parse::<Timestamp>().unwrap());
        assert_eq!(batch.products.len(), 1);
        let keys: Vec<&str> = batch.rendered().map(|m| m.idempotency_key).collect();
        assert_eq!(keys, ["summer-2026/2026-07-02/7f1c", "summer-2026/2026-07-02/9a2b"]);
        let recipient_ids: Vec<&str> = batch.rendered().map(|m| m.recipient_id).collect();
        assert_eq!(recipient_ids, ["7f1c", "9a2b"]);
    }

    #[test]
    fn recipient_text_is_inserted_verbatim() {
        // Messages are plain text; the UIs escape them.
        let renderer = prepare(&promotion("Hi {{firstName}}"), 0).unwrap();
        let batch = render(&renderer, &[recipient("u", "x", Some("<b>{{daysLeft}}</b>"))]);
        assert_eq!(bodies(&batch), ["Hi <b>{{daysLeft}}</b>"]);
    }

    #[test]
    fn ends_at_shows_the_zone_abbreviation_of_the_end() {
        let mut p = promotion("{{endsAt}}");
        p.ends_at = "2026-11-02T18:30".into();
        let renderer = prepare(&p, 0).unwrap();
        assert_eq!(bodies(&render(&renderer, &[recipient("u", "x", None)])), ["Mon 2 November 2026, 18:30 CET"]);
    }

    #[test]
    fn an_occurrence_index_that_does_not_exist_names_the_field() {
        let errors = prepare(&promotion("Hi"), 3).unwrap_err();
        assert_eq!(errors[0].field, "occurrence.index");
        assert_eq!(errors[0].problem, Problem::OutOfRange);
    }

    #[test]
    fn an_invalid_promotion_cannot_be_prepared() {
        let errors = prepare(&promotion("Hi {{nickname}}"), 0).unwrap_err();
        assert_eq!(errors[0].problem, Problem::UnknownPlaceholder("nickname".into()));
    }

    #[test]
    fn a_recipient_table_reads_as_recipients_with_empty_meaning_unknown() {
        let mut table = StringTable::default();
        for string in ["u-1", "alice", "Alice", "de-DE", "u-2", "bob", "", ""] {
            table.push(string);
        }
        let (text, ends) = table.into_parts();
        let read: Vec<Recipient> = recipients(&text, &ends).unwrap().map(Result::unwrap).collect();
        assert_eq!(
            read,
            [
                Recipient { user_id: "u-1", username: "alice", first_name: Some("Alice"), locale: Some("de-DE") },
                Recipient { user_id: "u-2", username: "bob", first_name: None, locale: None },
            ]
        );
        let renderer = prepare(&promotion("Hi {{firstName}}"), 0).unwrap();
        assert_eq!(bodies(&renderer.render(recipients(&text, &ends).unwrap()).unwrap()), ["Hi Alice", "Hi bob"]);
    }

    #[test]
    fn a_malformed_recipient_table_names_its_ends() {
        let renderer = prepare(&promotion("Hi {{firstName}}"), 0).unwrap();
        // Three strings: not a whole recipient.
        let error = recipients("u-1aliceAlice", &[3, 8, 13]).err().unwrap();
        assert_eq!((error.field.as_str(), &error.problem), ("recipients.ends", &Problem::Malformed));
        // Whole rows, but the second recipient's user id ends before it starts.
        let error = renderer.render(recipients("u-1bobu-2carol", &[3, 6, 6, 6, 2, 14, 14, 14]).unwrap()).unwrap_err();
        assert_eq!((error.field.as_str(), &error.problem), ("recipients.ends", &Problem::Malformed));
    }
}
