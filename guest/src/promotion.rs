//! Reading promotion JSON and validating every field of contracts.md.
//!
//! The JSON is read field by field from a `serde_json::Value` rather than
//! derived with serde, because an admin should see *all* problems of a form at
//! once: a derived deserializer stops at the first one. Paths are the JSON
//! paths of contracts.md, e.g. `package.products[2].currency`.

use serde_json::{Map, Value};

use crate::model::{FieldError, Package, Problem, Product, Promotion, Status};
use crate::schedule::Schedule;
use crate::template::Template;

/// Limits of contracts.md; lengths count Unicode scalar values.
pub const TITLE_MAX_CHARS: usize = 120;
pub const MESSAGE_MAX_CHARS: usize = 2000;
pub const PRODUCTS_MAX: usize = 50;
/// Free-text fields without a limit in contracts.md get this one, so that a
/// runaway value cannot bloat every inbox message.
pub const TEXT_MAX_CHARS: usize = 500;

/// Parses promotion JSON and validates it; all problems at once.
pub fn parse(json: &str) -> Result<Promotion, Vec<FieldError>> {
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
    if let Err(semantic) = check(&promotion) {
        let read_failed: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
        errors.extend(semantic.into_iter().filter(|e| {
            !read_failed.iter().any(|f| e.field == *f || e.field.starts_with(&format!("{f}.")) || e.field.starts_with(&format!("{f}[")))
        }));
    }
    if errors.is_empty() { Ok(promotion) } else { Err(errors) }
}

/// Validates a promotion record; all problems at once.
pub fn validate(promotion: &Promotion) -> Result<(), Vec<FieldError>> {
    check(promotion).map(|_| ())
}

/// Validates every field and, when all are valid, returns the resolved
/// schedule (so `plan` resolves only once).
pub fn check(promotion: &Promotion) -> Result<Schedule, Vec<FieldError>> {
    let mut errors = Vec::new();
    require_text(&mut errors, "id", &promotion.id, 1, TEXT_MAX_CHARS);
    if promotion.version < 0 {
        errors.push(FieldError::new("version", Problem::OutOfRange, "version must not be negative"));
    }
    require_text(&mut errors, "title", &promotion.title, 1, TITLE_MAX_CHARS);
    let schedule = Schedule::resolve(promotion);
    if let Err(schedule_errors) = &schedule {
        errors.extend(schedule_errors.iter().cloned());
    }
    let package = &promotion.package;
    require_text(&mut errors, "package.name", &package.name, 1, TEXT_MAX_CHARS);
    if let Some(percent) = package.discount_percent
        && !(1..=99).contains(&percent)
    {
        errors.push(FieldError::new(
            "package.discountPercent",
            Problem::OutOfRange,
            format!("package.discountPercent must be between 1 and 99, got {percent}"),
        ));
    }
    require_text(&mut errors, "package.message", &package.message, 1, MESSAGE_MAX_CHARS);
    match Template::parse(&package.message) {
        Ok(template) => {
            if template.uses_discount_percent() && package.discount_percent.is_none() {
                errors.push(FieldError::new(
                    "package.discountPercent",
                    Problem::Missing,
                    "package.discountPercent is required because package.message uses {{discountPercent}}",
                ));
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
    require_text(errors, &format!("{path}.sku"), &product.sku, 1, TEXT_MAX_CHARS);
    require_text(errors, &format!("{path}.name"), &product.name, 1, TEXT_MAX_CHARS);
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
            require_text(errors, &format!("{path}.{name}"), url, 1, TEXT_MAX_CHARS * 4);
        }
    }
}

fn require_text(errors: &mut Vec<FieldError>, field: &str, text: &str, min: usize, max: usize) {
    let chars = text.chars().count();
    if text.trim().is_empty() && min > 0 {
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
            price_cents: self.integer(object, prefix, "priceCents").unwrap_or(0),
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
