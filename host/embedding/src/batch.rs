//! Batches across the component boundary: the recipients going in and the
//! rendered messages coming out travel as string tables (the WIT
//! `string-table`, see `promo-string-table`), two values per batch instead of
//! several per recipient. These types keep the table layout in one place.

use promo_string_table::StringTable;

use crate::{LocalDate, Product, Recipient, bindings};

/// Recipients for [`crate::Renderer::render`] (the WIT `recipient-table`:
/// user id, username, first name, locale per recipient; empty is unknown).
/// Built directly as the record the call lowers, so a render copies the
/// table into the component once and nowhere else.
#[derive(Debug, Clone)]
pub struct RecipientTable {
    wit: bindings::promo::engine::types::StringTable,
}

impl Default for RecipientTable {
    fn default() -> Self {
        RecipientTable::with_capacity(0)
    }
}

impl RecipientTable {
    /// An empty table with room for about `recipients` recipients.
    pub fn with_capacity(recipients: usize) -> RecipientTable {
        // Room for a UUID, a username, a first name and a locale each.
        let wit = bindings::promo::engine::types::StringTable {
            text: String::with_capacity(96 * recipients),
            ends: Vec::with_capacity(4 * recipients),
        };
        RecipientTable { wit }
    }

    /// Adds a recipient; an empty first name or locale counts as unknown.
    pub fn push(&mut self, user_id: &str, username: &str, first_name: Option<&str>, locale: Option<&str>) {
        for field in [user_id, username, first_name.unwrap_or_default(), locale.unwrap_or_default()] {
            self.wit.text.push_str(field);
            self.wit.ends.push(u32::try_from(self.wit.text.len()).expect("a recipient table holds less than 4 GiB of text"));
        }
    }

    /// The number of recipients.
    pub fn len(&self) -> usize {
        self.wit.ends.len() / 4
    }

    /// Whether the table has no recipients.
    pub fn is_empty(&self) -> bool {
        self.wit.ends.is_empty()
    }

    /// The text and the ends, as the component receives them (for running
    /// the engine's modules natively on the same table).
    pub fn parts(&self) -> (&str, &[u32]) {
        (&self.wit.text, &self.wit.ends)
    }

    /// The WIT record the call lowers.
    pub(crate) fn as_wit(&self) -> &bindings::promo::engine::types::StringTable {
        &self.wit
    }
}

impl<'a> FromIterator<&'a Recipient> for RecipientTable {
    fn from_iter<I: IntoIterator<Item = &'a Recipient>>(recipients: I) -> Self {
        let recipients = recipients.into_iter();
        let mut table = RecipientTable::with_capacity(recipients.size_hint().0);
        for r in recipients {
            table.push(&r.user_id, &r.username, r.first_name.as_deref(), r.locale.as_deref());
        }
        table
    }
}

/// The per-recipient part of an inbox message, borrowed from its batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderedMessage<'a> {
    /// `{promotionId}/{day}/{userId}`: the inbox stores each key at most once.
    pub idempotency_key: &'a str,
    /// Keycloak user id of the recipient.
    pub recipient_id: &'a str,
    /// Body with every placeholder filled in, plain text.
    pub body: &'a str,
}

/// Rendered messages, in recipient order (the WIT `message-table`: key and
/// body per message, every key the batch's key prefix followed by the
/// recipient's user id). Checked when it leaves the component, so reading it
/// cannot fail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Messages {
    key_prefix: String,
    table: StringTable,
}

impl Messages {
    /// No messages yet, for keys `{key_prefix}{userId}` (for tests and fakes
    /// of the engine; the component writes its tables itself).
    pub fn with_key_prefix(key_prefix: &str) -> Messages {
        Messages { key_prefix: key_prefix.to_string(), table: StringTable::default() }
    }

    /// Adds the message for `recipient_id` (for tests and fakes).
    pub fn push(&mut self, recipient_id: &str, body: &str) {
        self.table.push_with(|key| {
            key.push_str(&self.key_prefix);
            key.push_str(recipient_id);
        });
        self.table.push(body);
    }

    /// Checks what reading relies on: whole rows, and a recipient id after
    /// the key prefix's length in every key. (That each key starts with the
    /// prefix is the component's promise, tested in its own tests.)
    fn from_wit(key_prefix: String, table: bindings::promo::engine::types::StringTable) -> anyhow::Result<Messages> {
        let table = StringTable::from_parts(table.text, table.ends)?;
        if let Some(position) = table.rows::<2>()?.position(|[key, _]| !key.is_char_boundary(key_prefix.len())) {
            anyhow::bail!("key {position} is shorter than the key prefix {key_prefix:?}");
        }
        Ok(Messages { key_prefix, table })
    }

    /// The number of messages.
    pub fn len(&self) -> usize {
        self.table.len() / 2
    }

    /// Whether there are no messages.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The messages, in recipient order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = RenderedMessage<'_>> + '_ {
        self.table.rows::<2>().expect("checked on creation: two strings per message").map(|[idempotency_key, body]| {
            RenderedMessage { idempotency_key, recipient_id: &idempotency_key[self.key_prefix.len()..], body }
        })
    }
}

/// The inbox messages of one occurrence for a batch of recipients (the WIT
/// `message-batch`): the fields every message shares, once, and the messages.
#[derive(Debug, Clone)]
pub struct MessageBatch {
    /// The promotion the messages belong to.
    pub promotion_id: String,
    /// The local day of the occurrence.
    pub day: LocalDate,
    /// 1-based number of the occurrence among the promotion's `day_count` days.
    pub day_number: u32,
    /// How many days the promotion has.
    pub day_count: u32,
    /// The promotion's end instant (epoch milliseconds).
    pub expires_at: i64,
    /// Subject line of every message.
    pub subject: String,
    /// The promoted products shown with every message.
    pub products: Vec<Product>,
    /// One message per recipient, in recipient order.
    pub messages: Messages,
}

impl MessageBatch {
    /// The batch as the component returned it; fails if its message table is
    /// malformed (a defect of the component, not of the input).
    pub(crate) fn from_wit(batch: bindings::exports::promo::engine::fan_out::MessageBatch) -> anyhow::Result<MessageBatch> {
        let messages = Messages::from_wit(batch.key_prefix, batch.messages)
            .map_err(|error| error.context("the component returned a malformed message table"))?;
        Ok(MessageBatch {
            promotion_id: batch.promotion_id,
            day: batch.day,
            day_number: batch.day_number,
            day_count: batch.day_count,
            expires_at: batch.expires_at,
            subject: batch.subject,
            products: batch.products,
            messages,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use promo_string_table::TableError;

    #[test]
    fn recipients_take_four_strings_each_with_empty_for_unknown() {
        let mut recipients = RecipientTable::with_capacity(2);
        recipients.push("u-1", "alice", Some("Alice"), Some("de-DE"));
        recipients.push("u-2", "bob", None, None);
        assert_eq!(recipients.len(), 2);
        let (text, ends) = recipients.parts();
        let rows: Vec<[&str; 4]> = promo_string_table::checked_rows(text, ends).unwrap().map(Result::unwrap).collect();
        assert_eq!(rows, [["u-1", "alice", "Alice", "de-DE"], ["u-2", "bob", "", ""]]);
    }

    #[test]
    fn messages_come_back_in_order() {
        let mut messages = Messages::with_key_prefix("p/2026-07-01/");
        messages.push("u-1", "Hi Alice");
        messages.push("u-2", "");
        assert_eq!(messages.len(), 2);
        let read: Vec<RenderedMessage> = messages.iter().collect();
        assert_eq!(read[0], RenderedMessage { idempotency_key: "p/2026-07-01/u-1", recipient_id: "u-1", body: "Hi Alice" });
        assert_eq!(read[1].body, "");
    }

    #[test]
    fn a_message_table_of_partial_rows_or_short_keys_is_refused() {
        let wit = |text: &str, ends: &[u32]| bindings::promo::engine::types::StringTable { text: text.into(), ends: ends.to_vec() };
        let refused = |text, ends| Messages::from_wit("p/d/".into(), wit(text, ends)).unwrap_err().to_string();
        assert_eq!(refused("p/d/u-1", &[7]), TableError::PartialRow { width: 2 }.to_string());
        assert!(refused("p/d/u-1Hip/dHo", &[7, 9, 12, 14]).contains("key 1 is shorter than the key prefix"));
        let read = Messages::from_wit("p/d/".into(), wit("p/d/u-1Hi", &[7, 9])).unwrap();
        assert_eq!(read.iter().next().unwrap(), RenderedMessage { idempotency_key: "p/d/u-1", recipient_id: "u-1", body: "Hi" });
    }
}
