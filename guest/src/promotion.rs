//! Reading promotion JSON and validating every field of contracts.md.
//!
//! The JSON is read field by field from a `serde_json::Value` rather than
//! derived with serde, because an admin should see *all* problems of a form at
//! once: a derived deserializer stops at the first one. Paths are the JSON
//! paths of contracts.md, e.g. `package.products[2].currency`.

use serde_json::{Map, Value};

use crate::model::{FieldError, Package, Problem, Product, Promotion, Status};
use crate::schedule::Schedule;
use crate::template::{self, Template};

/// The limits of contracts.md ("Limits"), one table for every part: lengths
/// count Unicode code points (Java's `codePointCount`), and single-line texts
/// refuse control characters (the message template allows `\n`, `\r`, `\t`).
pub const ID_MAX: usize = 100;
pub const TITLE_MAX: usize = 120;
pub const PACKAGE_NAME_MAX: usize = 120;
pub const MESSAGE_MAX: usize = 2000;
pub const PRODUCTS_MAX: usize = 50;
pub const SKU_MAX: usize = 100;
pub const PRODUCT_NAME_MAX: usize = 200;
pub const URL_MAX: usize = 2000;
/// The longest rendered body the inbox stores; a template whose longest
/// possible rendering is longer is refused at validation.
pub const BODY_MAX: usize = 10_000;
/// What fills `{{firstName}}` (first name or the username) is cut to this.
pub const FIRST_NAME_MAX: usize = 100;
/// `timeZone` ids are short; this only bounds a runaway value.
const TIME_ZONE_MAX: usize = 100;

/// A promotion read and validated once, with its schedule resolved: what the
/// component's `checked-promotion` resource holds, so its schedule and its
/// renderers come without reading or validating it again.
#[derive(Debug, Clone)]
pub struct CheckedPromotion {
    pub promotion: Promotion,
    pub schedule: Schedule,
}

impl CheckedPromotion {
    /// Validates a promotion record; all problems at once.
    pub fn check(promotion: Promotion) -> Result<CheckedPromotion, Vec<FieldError>> {
        let schedule = check(&promotion)?;
        Ok(CheckedPromotion { promotion, schedule })
    }

    /// Prepares rendering the occurrence with index `occurrence_index`; fails
    /// naming `occurrence.index` when the promotion has no such occurrence.
    pub fn renderer(&self, occurrence_index: u32) -> Result<template::OccurrenceRenderer, FieldError> {
        template::OccurrenceRenderer::new(&self.promotion, &self.schedule, occurrence_index)
    }
}

/// Parses promotion JSON and validates it; all problems at once.
pub fn parse(json: &str) -> Result<CheckedPromotion, Vec<FieldError>> {
    let value: Value = serde_json::from_str(json).map_err(|error| {
        vec![FieldError::new("", Problem::Malformed, format!("the promotion is not valid JSON: {error}"))]
    })?;
    let Value::Object(object) = value else {
        return Err(vec![FieldError::new("", Problem::Malformed, "the promotion must be a JSON object")]);
    };
    let mut reader = Reader::default();
    let promotion = reader.promotion(&object);
    let mut errors = reader.errors;
    // Semantic checks on what could be read; a field that already failed to
    // read (and so holds a placeholder value) is not reported twice.
    match check(&promotion) {
        Ok(schedule) if errors.is_empty() => return Ok(CheckedPromotion { promotion, schedule }),
        Ok(_) => {}
        Err(semantic) => {
            let read_failed: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
            errors.extend(semantic.into_iter().filter(|e| {
                !read_failed.iter().any(|f| e.field == *f || e.field.starts_with(&format!("{f}.")) || e.field.starts_with(&format!("{f}[")))
            }));
        }
    }
    Err(errors)
}

/// Validates every field and, when all are valid, returns the resolved
/// schedule (so a checked promotion resolves it only once).
pub fn check(promotion: &Promotion) -> Result<Schedule, Vec<FieldError>> {
    let mut errors = Vec::new();
    require_line(&mut errors, "id", &promotion.id, 1, ID_MAX);
    if promotion.version < 0 {
        errors.push(FieldError::new("version", Problem::OutOfRange, "version must not be negative"));
    }
    require_line(&mut errors, "title", &promotion.title, 1, TITLE_MAX);
    require_line(&mut errors, "timeZone", &promotion.time_zone, 1, TIME_ZONE_MAX);
    let schedule = Schedule::resolve(promotion);
    if let Err(schedule_errors) = &schedule {
        errors.extend(schedule_errors.iter().cloned());
    }
    let package = &promotion.package;
    require_line(&mut errors, "package.name", &package.name, 1, PACKAGE_NAME_MAX);
    if let Some(percent) = package.discount_percent
        && !(1..=99).contains(&percent)
    {
        errors.push(FieldError::new(
            "package.discountPercent",
            Problem::OutOfRange,
            format!("package.discountPercent must be between 1 and 99, got {percent}"),
        ));
    }
    require_text(&mut errors, "package.message", &package.message, 1, MESSAGE_MAX, |c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    match Template::parse(&package.message) {
        Ok(template) => {
            if template.uses_discount_percent() && package.discount_percent.is_none() {
                errors.push(FieldError::new(
                    "package.discountPercent",
                    Problem::Missing,
                    "package.discountPercent is required because package.message uses {{discountPercent}}",
                ));
            }
            if let Ok(schedule) = &schedule {
                let longest = template::longest_body(&template, promotion, schedule);
                if longest > BODY_MAX {
                    errors.push(FieldError::new(
                        "package.message",
                        Problem::TooLong,
                        format!(
                            "package.message can render to {longest} characters (each {{{{firstName}}}} counted at {FIRST_NAME_MAX}); a message may have at most {BODY_MAX}"
                        ),
                    ));
                }
            }
        }
        Err(template_errors) => errors.extend(template_errors),
    }
    let count = package.products.len();
    if count == 0 {
        errors.push(FieldError::new("package.products", Problem::TooShort, "package.products must list at least one product"));
    } else if count > PRODUCTS_MAX {
        errors.push(FieldError::new(
            "package.products",
            Problem::TooLong,
            format!("package.products may list at most {PRODUCTS_MAX} products, got {count}"),
        ));
    }
    for (index, product) in package.products.iter().enumerate() {
        check_product(&mut errors, &format!("package.products[{index}]"), product);
    }
    match schedule {
        Ok(schedule) if errors.is_empty() => Ok(schedule),
        _ => Err(errors),
    }
}

fn check_product(errors: &mut Vec<FieldError>, path: &str, product: &Product) {
    require_line(errors, &format!("{path}.sku"), &product.sku, 1, SKU_MAX);
    require_line(errors, &format!("{path}.name"), &product.name, 1, PRODUCT_NAME_MAX);
    if product.price_cents < 0 {
        errors.push(FieldError::new(format!("{path}.priceCents"), Problem::OutOfRange, format!("{path}.priceCents must not be negative")));
    }
    if product.promo_price_cents < 0 {
        errors.push(FieldError::new(
            format!("{path}.promoPriceCents"),
            Problem::OutOfRange,
            format!("{path}.promoPriceCents must not be negative"),
        ));
    } else if product.promo_price_cents > product.price_cents && product.price_cents >= 0 {
        errors.push(FieldError::new(
            format!("{path}.promoPriceCents"),
            Problem::OutOfRange,
            format!("{path}.promoPriceCents must not exceed {path}.priceCents"),
        ));
    }
    let currency = &product.currency;
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        errors.push(FieldError::new(
            format!("{path}.currency"),
            Problem::Malformed,
            format!("{path}.currency must be an ISO 4217 code of three upper-case letters, got {currency:?}"),
        ));
    }
    for (name, url) in [("imageUrl", &product.image_url), ("url", &product.url)] {
        if let Some(url) = url {
            let field = format!("{path}.{name}");
            let before = errors.len();
            require_line(errors, &field, url, 1, URL_MAX);
            if errors.len() == before && !is_web_link(url) {
                errors.push(FieldError::new(
                    field.as_str(),
                    Problem::Malformed,
                    format!("{field} must be an absolute https: URL (or http: to localhost), got {url:?}"),
                ));
            }
        }
    }
}

/// An absolute `https:` URL with a host, or `http:` to `localhost` or
/// `127.0.0.1` (the local stack); never `javascript:`, `data:` or relative.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let authority_end = |rest: &str| rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if url.chars().any(char::is_whitespace) {
        return false;
    }
    if let Some(rest) = lower.strip_prefix("https://") {
        let host = &rest[..authority_end(rest)];
        let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
        return !host.is_empty() && !host.starts_with(':');
    }
    if let Some(rest) = lower.strip_prefix("http://") {
        let host = &rest[..authority_end(rest)];
        let name = host.split_once(':').map_or(host, |(name, _)| name);
        return matches!(name, "localhost" | "127.0.0.1");
    }
    false
}

/// A single-line text: no control characters.
fn require_line(errors: &mut Vec<FieldError>, field: &str, text: &str, min: usize, max: usize) {
    require_text(errors, field, text, min, max, char::is_control);
}

fn require_text(errors: &mut Vec<FieldError>, field: &str, text: &str, min: usize, max: usize, refused: impl Fn(char) -> bool) {
    let chars = text.chars().count();
    if let Some(control) = text.chars().find(|&c| refused(c)) {
        errors.push(FieldError::new(
            field,
            Problem::Malformed,
            format!("{field} must not contain the control character U+{:04X}", u32::from(control)),
        ));
    } else if text.trim().is_empty() && min > 0 {
        errors.push(FieldError::new(field, Problem::TooShort, format!("{field} must not be blank")));
    } else if chars < min {
        errors.push(FieldError::new(field, Problem::TooShort, format!("{field} must have at least {min} characters")));
    } else if chars > max {
        errors.push(FieldError::new(field, Problem::TooLong, format!("{field} may have at most {max} characters, got {chars}")));
    }
}

/// Reads the JSON object into a `Promotion`, recording structural problems
/// (missing, wrong type, unknown field). Unreadable fields get a neutral
/// value so that reading continues and every problem is found.
#[derive(Default)]
struct Reader {
    errors: Vec<FieldError>,
}

impl Reader {
    fn promotion(&mut self, object: &Map<String, Value>) -> Promotion {
        self.reject_unknown(
            object,
            "",
            &["id", "version", "status", "title", "timeZone", "startsAt", "endsAt", "dailySendTime", "package"],
        );
        let status = match self.string(object, "", "status").as_deref() {
            None => Status::Draft,
            Some("DRAFT") => Status::Draft,
            Some("PUBLISHED") => Status::Published,
            Some("UNPUBLISHED") => Status::Unpublished,
            Some(other) => {
                self.error("status", Problem::Malformed, format!("status must be DRAFT, PUBLISHED or UNPUBLISHED, got {other:?}"));
                Status::Draft
            }
        };
        let package = match self.object(object, "", "package") {
            Some(package) => self.package(package),
            None => Package { name: String::new(), discount_percent: None, message: String::new(), products: Vec::new() },
        };
        Promotion {
            id: self.string(object, "", "id").unwrap_or_default(),
            version: self.integer(object, "", "version").unwrap_or(0),
            status,
            title: self.string(object, "", "title").unwrap_or_default(),
            time_zone: self.string(object, "", "timeZone").unwrap_or_default(),
            starts_at: self.string(object, "", "startsAt").unwrap_or_default(),
            ends_at: self.string(object, "", "endsAt").unwrap_or_default(),
            daily_send_time: self.optional_string(object, "", "dailySendTime"),
            package,
        }
    }

    fn package(&mut self, object: &Map<String, Value>) -> Package {
        let prefix = "package.";
        self.reject_unknown(object, prefix, &["name", "discountPercent", "message", "products"]);
        let mut products = Vec::new();
        match object.get("products") {
            None | Some(Value::Null) => self.error("package.products", Problem::Missing, "package.products is missing"),
            Some(Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    let path = format!("package.products[{index}]");
                    match item {
                        Value::Object(product) => products.push(self.product(product, &format!("{path}."))),
                        _ => {
                            self.error(&path, Problem::Malformed, format!("{path} must be an object"));
                            products.push(placeholder_product());
                        }
                    }
                }
            }
            Some(_) => self.error("package.products", Problem::Malformed, "package.products must be an array"),
        }
        Package {
            name: self.string(object, prefix, "name").unwrap_or_default(),
            discount_percent: self.optional_integer(object, prefix, "discountPercent"),
            message: self.string(object, prefix, "message").unwrap_or_default(),
            products,
        }
    }

    fn product(&mut self, object: &Map<String, Value>, prefix: &str) -> Product {
        self.reject_unknown(object, prefix, &["sku", "name", "priceCents", "promoPriceCents", "currency", "imageUrl", "url"]);
        Product {
            sku: self.string(object, prefix, "sku").unwrap_or_default(),
            name: self.string(object, prefix, "name").unwrap_or_default(),
            // An unreadable price must not also fail "promo price <= price".
            price_cents: self.integer(object, prefix, "priceCents").unwrap_or(i64::MAX),
            promo_price_cents: self.integer(object, prefix, "promoPriceCents").unwrap_or(0),
            currency: self.string(object, prefix, "currency").unwrap_or_else(|| "XXX".into()),
            image_url: self.optional_string(object, prefix, "imageUrl"),
            url: self.optional_string(object, prefix, "url"),
        }
    }

    fn error(&mut self, field: &str, problem: Problem, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, problem, message));
    }

    fn reject_unknown(&mut self, object: &Map<String, Value>, prefix: &str, known: &[&str]) {
        for key in object.keys().filter(|key| !known.contains(&key.as_str())) {
            self.error(&format!("{prefix}{key}"), Problem::UnknownField, format!("{prefix}{key} is not a field of a promotion"));
        }
    }

    fn required<'v>(&mut self, object: &'v Map<String, Value>, prefix: &str, name: &str) -> Option<&'v Value> {
        match object.get(name) {
            None | Some(Value::Null) => {
                self.error(&format!("{prefix}{name}"), Problem::Missing, format!("{prefix}{name} is missing"));
                None
            }
            Some(value) => Some(value),
        }
    }

    fn string(&mut self, object: &Map<String, Value>, prefix: &str, name: &str) -> Option<String> {
        let value = self.required(object, prefix, name)?;
        self.as_string(value, prefix, name)
    }

    fn optional_string(&mut self, object: &Map<String, Value>, prefix: &str, name: &str) -> Option<String> {
        match object.get(name) {
            None | Some(Value::Null) => None,
            Some(value) => self.as_string(value, prefix, name),
        }
    }

    fn as_string(&mut self, value: &Value, prefix: &str, name: &str) -> Option<String> {
        match value {
            Value::String(text) => Some(text.clone()),
            _ => {
                self.error(&format!("{prefix}{name}"), Problem::Malformed, format!("{prefix}{name} must be a string"));
                None
            }
        }
    }

    fn integer(&mut self, object: &Map<String, Value>, prefix: &str, name: &str) -> Option<i64> {
        let value = self.required(object, prefix, name)?;
        self.as_integer(value, prefix, name)
    }

    fn optional_integer(&mut self, object: &Map<String, Value>, prefix: &str, name: &str) -> Option<i64> {
        match object.get(name) {
            None | Some(Value::Null) => None,
            Some(value) => self.as_integer(value, prefix, name),
        }
    }

    fn as_integer(&mut self, value: &Value, prefix: &str, name: &str) -> Option<i64> {
        let field = format!("{prefix}{name}");
        match value {
            Value::Number(number) => match number.as_i64() {
                Some(integer) => Some(integer),
                None if number.is_u64() => {
                    self.error(&field, Problem::OutOfRange, format!("{field} is too large"));
                    None
                }
                None => {
                    self.error(&field, Problem::Malformed, format!("{field} must be a whole number"));
                    None
                }
            },
            _ => {
                self.error(&field, Problem::Malformed, format!("{field} must be a number"));
                None
            }
        }
    }

    fn object<'v>(&mut self, object: &'v Map<String, Value>, prefix: &str, name: &str) -> Option<&'v Map<String, Value>> {
        match self.required(object, prefix, name)? {
            Value::Object(inner) => Some(inner),
            _ => {
                self.error(&format!("{prefix}{name}"), Problem::Malformed, format!("{prefix}{name} must be an object"));
                None
            }
        }
    }
}

fn placeholder_product() -> Product {
    Product {
        sku: String::new(),
        name: String::new(),
        price_cents: 0,
        promo_price_cents: 0,
        currency: "XXX".into(),
        image_url: None,
        url: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn valid() -> Value {
        json!({
            "id": "summer-2026",
            "version": 2,
            "status": "PUBLISHED",
            "title": "Summer Sale",
            "timeZone": "Europe/Berlin",
            "startsAt": "2026-07-01T14:00",
            "endsAt": "2026-07-04T09:00",
            "dailySendTime": "09:00",
            "package": {
                "name": "Garden",
                "discountPercent": 20,
                "message": "Hi {{firstName}}, {{discountPercent}}% off until {{endsAt}}",
                "products": [
                    {"sku": "A-1", "name": "Hose", "priceCents": 3999, "promoPriceCents": 3199, "currency": "EUR",
                     "imageUrl": "https://img.example/a.svg", "url": "https://shop.example/a"},
                    {"sku": "B-2", "name": "Shears", "priceCents": 2499, "promoPriceCents": 2499, "currency": "EUR"}
                ]
            }
        })
    }

    fn problems(value: &Value) -> Vec<(String, Problem)> {
        parse(&value.to_string()).unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect()
    }

    fn with(mut value: Value, pointer: &str, new: Value) -> Value {
        *value.pointer_mut(pointer).unwrap() = new;
        value
    }

    fn field(name: &str, problem: Problem) -> (String, Problem) {
        (name.to_string(), problem)
    }

    #[test]
    fn parses_a_valid_promotion() {
        let promotion = parse(&valid().to_string()).unwrap().promotion;
        assert_eq!(promotion.id, "summer-2026");
        assert_eq!(promotion.status, Status::Published);
        assert_eq!(promotion.daily_send_time.as_deref(), Some("09:00"));
        assert_eq!(promotion.package.discount_percent, Some(20));
        assert_eq!(promotion.package.products[0].image_url.as_deref(), Some("https://img.example/a.svg"));
        assert_eq!(promotion.package.products[1].image_url, None);
    }

    #[test]
    fn optional_fields_may_be_absent_or_null() {
        let mut value = valid();
        value.as_object_mut().unwrap().remove("dailySendTime");
        let value = with(value, "/package/discountPercent", Value::Null);
        let value = with(value, "/package/message", json!("Hi {{firstName}}"));
        let promotion = parse(&value.to_string()).unwrap().promotion;
        assert_eq!(promotion.daily_send_time, None);
        assert_eq!(promotion.package.discount_percent, None);
    }

    #[test]
    fn not_json_or_not_an_object_names_the_document() {
        assert_eq!(parse("{").unwrap_err()[0].field, "");
        assert_eq!(parse("[1]").unwrap_err()[0].problem, Problem::Malformed);
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_path() {
        let mut value = valid();
        value["title"] = json!("");
        value["timeZone"] = json!("Europe/Atlantis");
        value["colour"] = json!("red");
        value["package"]["discountPercent"] = json!(100);
        value["package"]["message"] = json!("Hi {{nickname}} and {{firstName}}");
        value["package"]["products"][1]["currency"] = json!("eur");
        value["package"]["products"][1]["promoPriceCents"] = json!(2500);
        value["package"]["products"][0]["priceCents"] = json!("cheap");
        value["package"]["products"][0]["weight"] = json!(3);
        assert_eq!(
            problems(&value),
            [
                field("colour", Problem::UnknownField),
                field("package.products[0].weight", Problem::UnknownField),
                field("package.products[0].priceCents", Problem::Malformed),
                field("title", Problem::TooShort),
                field("timeZone", Problem::UnknownTimeZone),
                field("package.discountPercent", Problem::OutOfRange),
                field("package.message", Problem::UnknownPlaceholder("nickname".into())),
                field("package.products[1].promoPriceCents", Problem::OutOfRange),
                field("package.products[1].currency", Problem::Malformed),
            ]
        );
    }

    #[test]
    fn missing_required_fields_are_named() {
        let mut value = valid();
        for name in ["id", "version", "title", "timeZone", "startsAt", "endsAt"] {
            value.as_object_mut().unwrap().remove(name);
        }
        value["package"]["products"][0].as_object_mut().unwrap().remove("currency");
        value["package"]["name"] = Value::Null;
        assert_eq!(
            problems(&value),
            [
                field("package.products[0].currency", Problem::Missing),
                field("package.name", Problem::Missing),
                field("id", Problem::Missing),
                field("version", Problem::Missing),
                field("title", Problem::Missing),
                field("timeZone", Problem::Missing),
                field("startsAt", Problem::Missing),
                field("endsAt", Problem::Missing),
            ]
        );
    }

    #[test]
    fn missing_package_is_one_problem() {
        let mut value = valid();
        value.as_object_mut().unwrap().remove("package");
        assert_eq!(problems(&value), [field("package", Problem::Missing)]);
    }

    #[test]
    fn wrong_types_are_malformed() {
        let value = with(valid(), "/version", json!(1.5));
        assert_eq!(problems(&value), [field("version", Problem::Malformed)]);
        let value = with(valid(), "/status", json!("LIVE"));
        assert_eq!(problems(&value), [field("status", Problem::Malformed)]);
        let value = with(valid(), "/package/products", json!({}));
        assert_eq!(problems(&value), [field("package.products", Problem::Malformed)]);
        let value = with(valid(), "/package/products/1", json!("B-2"));
        assert_eq!(problems(&value), [field("package.products[1]", Problem::Malformed)]);
        let value = with(valid(), "/title", json!(42));
        assert_eq!(problems(&value), [field("title", Problem::Malformed)]);
    }

    #[test]
    fn text_lengths_count_characters() {
        let value = with(valid(), "/title", json!("é".repeat(120)));
        assert!(parse(&value.to_string()).is_ok());
        let value = with(valid(), "/title", json!("é".repeat(121)));
        assert_eq!(problems(&value), [field("title", Problem::TooLong)]);
        let value = with(valid(), "/title", json!("   "));
        assert_eq!(problems(&value), [field("title", Problem::TooShort)]);
        let value = with(valid(), "/package/message", json!("x".repeat(2000)));
        assert!(parse(&value.to_string()).is_ok());
        let value = with(valid(), "/package/message", json!("x".repeat(2001)));
        assert_eq!(problems(&value), [field("package.message", Problem::TooLong)]);
        let value = with(valid(), "/package/message", json!(""));
        assert_eq!(problems(&value), [field("package.message", Problem::TooShort)]);
    }

    #[test]
    fn the_limits_of_the_contract_count_code_points() {
        let name = |text: String| with(valid(), "/package/products/0/name", json!(text));
        assert!(parse(&name("ü".repeat(200)).to_string()).is_ok());
        assert_eq!(problems(&name("ü".repeat(201))), [field("package.products[0].name", Problem::TooLong)]);
        let sku = |text: String| with(valid(), "/package/products/1/sku", json!(text));
        assert!(parse(&sku("S".repeat(100)).to_string()).is_ok());
        assert_eq!(problems(&sku("S".repeat(101))), [field("package.products[1].sku", Problem::TooLong)]);
        assert_eq!(problems(&with(valid(), "/id", json!("i".repeat(101)))), [field("id", Problem::TooLong)]);
        assert_eq!(problems(&with(valid(), "/package/name", json!("n".repeat(121)))), [field("package.name", Problem::TooLong)]);
        // an emoji outside the BMP is one code point (two UTF-16 units in Java)
        assert!(parse(&with(valid(), "/title", json!("😀".repeat(120))).to_string()).is_ok());
    }

    #[test]
    fn single_line_texts_refuse_control_characters_and_the_template_allows_line_breaks() {
        assert_eq!(problems(&with(valid(), "/title", json!("Sale\u{0}"))), [field("title", Problem::Malformed)]);
        assert_eq!(problems(&with(valid(), "/package/products/0/name", json!("Hose\nXL"))), [field("package.products[0].name", Problem::Malformed)]);
        assert!(parse(&with(valid(), "/package/message", json!("Hi {{firstName}},\r\n\tenjoy")).to_string()).is_ok());
        assert_eq!(problems(&with(valid(), "/package/message", json!("Hi\u{7}"))), [field("package.message", Problem::Malformed)]);
        let message = parse(&with(valid(), "/title", json!("A\u{0}B")).to_string()).unwrap_err()[0].message.clone();
        assert!(message.contains("U+0000"), "{message}");
    }

    #[test]
    fn product_links_are_web_links() {
        for good in ["https://shop.example/p/1?x=1#top", "HTTPS://Shop.Example", "http://127.0.0.1:5173/products/A", "http://localhost/x"] {
            assert!(parse(&with(valid(), "/package/products/0/url", json!(good)).to_string()).is_ok(), "{good}");
        }
        for bad in ["javascript:alert(1)", "data:text/html,x", "/products/A", "shop.example/a", "http://shop.example/a", "https://", "https:// x", "http://localhost.evil.example/"] {
            assert_eq!(problems(&with(valid(), "/package/products/0/imageUrl", json!(bad))), [field("package.products[0].imageUrl", Problem::Malformed)], "{bad}");
        }
        assert_eq!(problems(&with(valid(), "/package/products/0/url", json!(format!("https://a.example/{}", "x".repeat(2000))))), [field("package.products[0].url", Problem::TooLong)]);
    }

    #[test]
    fn a_template_whose_longest_rendering_exceeds_the_body_limit_is_refused() {
        // {{firstName}} counts at 100: 100 of them render to at most 10,000.
        let repeated = |count: usize| with(valid(), "/package/message", json!("{{firstName}}".repeat(count)));
        assert!(parse(&repeated(100).to_string()).is_ok());
        assert_eq!(problems(&repeated(101)), [field("package.message", Problem::TooLong)]);
    }

    #[test]
    fn between_one_and_fifty_products() {
        let value = with(valid(), "/package/products", json!([]));
        assert_eq!(problems(&value), [field("package.products", Problem::TooShort)]);
        let product = valid()["package"]["products"][1].clone();
        let value = with(valid(), "/package/products", Value::Array(vec![product.clone(); 50]));
        assert!(parse(&value.to_string()).is_ok());
        let value = with(valid(), "/package/products", Value::Array(vec![product; 51]));
        assert_eq!(problems(&value), [field("package.products", Problem::TooLong)]);
    }

    #[test]
    fn discount_percent_is_between_1_and_99() {
        for ok in [1, 99] {
            assert!(parse(&with(valid(), "/package/discountPercent", json!(ok)).to_string()).is_ok());
        }
        for bad in [0, 100, -5] {
            let value = with(valid(), "/package/discountPercent", json!(bad));
            assert_eq!(problems(&value), [field("package.discountPercent", Problem::OutOfRange)], "{bad}");
        }
    }

    #[test]
    fn a_template_using_the_discount_needs_one() {
        let value = with(valid(), "/package/discountPercent", Value::Null);
        assert_eq!(problems(&value), [field("package.discountPercent", Problem::Missing)]);
    }

    #[test]
    fn prices_are_not_negative_and_the_promo_price_not_higher() {
        let value = with(valid(), "/package/products/0/priceCents", json!(-1));
        assert_eq!(problems(&value), [field("package.products[0].priceCents", Problem::OutOfRange)]);
        let value = with(valid(), "/package/products/0/promoPriceCents", json!(-1));
        assert_eq!(problems(&value), [field("package.products[0].promoPriceCents", Problem::OutOfRange)]);
        let value = with(valid(), "/package/products/0/promoPriceCents", json!(4000));
        assert_eq!(problems(&value), [field("package.products[0].promoPriceCents", Problem::OutOfRange)]);
        let value = with(valid(), "/package/products/0/promoPriceCents", json!(0));
        assert!(parse(&value.to_string()).is_ok());
    }

    #[test]
    fn currency_is_three_upper_case_letters() {
        for bad in ["EU", "EURO", "eur", "E1R", "ÄUR"] {
            let value = with(valid(), "/package/products/0/currency", json!(bad));
            assert_eq!(problems(&value), [field("package.products[0].currency", Problem::Malformed)], "{bad}");
        }
    }

    #[test]
    fn negative_version_is_out_of_range() {
        assert_eq!(problems(&with(valid(), "/version", json!(-1))), [field("version", Problem::OutOfRange)]);
    }

    #[test]
    fn messages_name_the_field() {
        let value = with(valid(), "/package/products/1/currency", json!("eur"));
        let error = &parse(&value.to_string()).unwrap_err()[0];
        assert!(error.message.contains("package.products[1].currency"), "{}", error.message);
    }
}
