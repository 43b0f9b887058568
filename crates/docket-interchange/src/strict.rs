//! Reading a line's JSON strictly, in one pass: a key given twice in an object is refused (JSON
//! lets the last one win, so `"sealed":true … "sealed":false` would import unsealed), and so is a
//! string holding a control character or a bidirectional-text control (which can make a name
//! read differently on screen than it is stored), or longer than [`MAX_STRING_CHARS`].

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// The longest string a field may hold, in characters.
pub const MAX_STRING_CHARS: usize = 2000;

/// A JSON value read under the rules above.
pub struct StrictValue(pub Value);

/// Why a string is refused, if it is.
fn refuse_string(s: &str) -> Option<String> {
    if let Some(c) = s.chars().find(|c| {
        c.is_control()
            || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }) {
        return Some(format!("含不允许的控制字符 U+{:04X}", u32::from(c)));
    }
    let n = s.chars().count();
    (n > MAX_STRING_CHARS).then(|| format!("长度 {n} 个字符，超过上限 {MAX_STRING_CHARS}"))
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = StrictValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Number(v.into())))
    }
    fn visit_u64<E>(self, v: u64) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Number(v.into())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<StrictValue, E> {
        Number::from_f64(v).map(|n| StrictValue(Value::Number(n))).ok_or_else(|| E::custom("数值无效"))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<StrictValue, E> {
        match refuse_string(v) {
            Some(why) => Err(E::custom(format!("字符串{why}"))),
            None => Ok(StrictValue(Value::String(v.to_owned()))),
        }
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<StrictValue, E> {
        match refuse_string(&v) {
            Some(why) => Err(E::custom(format!("字符串{why}"))),
            None => Ok(StrictValue(Value::String(v))),
        }
    }
    fn visit_unit<E>(self) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Null))
    }
    fn visit_none<E>(self) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<StrictValue, D::Error> {
        StrictValue::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StrictValue, A::Error> {
        let mut out = Vec::new();
        while let Some(StrictValue(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(StrictValue(Value::Array(out)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrictValue, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if let Some(why) = refuse_string(&key) {
                return Err(de::Error::custom(format!("键{why}")));
            }
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("键“{key}”重复出现")));
            }
            let v = if key == "text" {
                // A document's full text: lines and tabs are its layout, and it runs long.
                let DocumentText(t) =
                    map.next_value().map_err(|e: A::Error| de::Error::custom(format!("“{key}”：{e}")))?;
                Value::String(t)
            } else {
                let StrictValue(v) =
                    map.next_value().map_err(|e: A::Error| de::Error::custom(format!("“{key}”：{e}")))?;
                v
            };
            out.insert(key, v);
        }
        Ok(StrictValue(Value::Object(out)))
    }
}

/// The `text` of a document: a string that may hold line breaks and tabs and run to
/// [`docket_domain::lifecycle::MAX_DOCUMENT_CHARS`] characters; other controls are refused.
struct DocumentText(String);

impl<'de> Deserialize<'de> for DocumentText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let bad = s.chars().find(|c| {
            (c.is_control() && !matches!(c, '\n' | '\t'))
                || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        });
        if let Some(c) = bad {
            return Err(de::Error::custom(format!("字符串含不允许的控制字符 U+{:04X}", u32::from(c))));
        }
        let n = s.chars().count();
        let max = docket_domain::lifecycle::MAX_DOCUMENT_CHARS;
        if n > max {
            return Err(de::Error::custom(format!("长度 {n} 个字符，超过上限 {max}")));
        }
        Ok(Self(s))
    }
}

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Result<Value, String> {
        serde_json::from_str::<StrictValue>(s).map(|v| v.0).map_err(|e| e.to_string())
    }

    #[test]
    fn a_key_given_twice_is_refused_at_any_depth() {
        assert!(read(r#"{"sealed":true,"x":1,"sealed":false}"#).unwrap_err().contains("键“sealed”重复出现"));
        assert!(read(r#"{"parties":[{"name":"a","name":"b"}]}"#).unwrap_err().contains("键“name”重复出现"));
        assert_eq!(read(r#"{"a":{"b":[1,2.5,null,"x"]}}"#).unwrap(), serde_json::json!({"a":{"b":[1,2.5,null,"x"]}}));
    }

    #[test]
    fn a_case_line_sealed_twice_is_refused_by_line_not_imported_unsealed() {
        let line = r#"{"kind":"case","court":"内0203","case_no":"（2025）内0203民初1号","type":"民初","procedure":"ordinary","cause":"买卖合同纠纷","received_on":null,"filed_on":"2025-03-03","online":false,"claim_amount":null,"tags":["minor"],"origin":null,"sealed":true,"parties":[],"sealed":false}"#;
        let errors = crate::parse_line(7, line).unwrap_err();
        assert_eq!((errors[0].line, errors[0].field.as_str()), (7, "json"));
        assert!(errors[0].message.contains("键“sealed”重复出现"), "{}", errors[0].message);
    }

    #[test]
    fn control_and_bidi_characters_and_overlong_strings_are_refused() {
        assert!(read("{\"name\":\"张\\u0000三\"}").unwrap_err().contains("U+0000"));
        assert!(read("{\"name\":\"张三\\u202e公司\"}").unwrap_err().contains("U+202E"));
        assert!(read("{\"name\":\"a\\nb\"}").unwrap_err().contains("“name”"));
        let long = "字".repeat(MAX_STRING_CHARS + 1);
        assert!(read(&format!("{{\"cause\":\"{long}\"}}")).unwrap_err().contains("超过上限"));
        assert!(read(&format!("{{\"cause\":\"{}\"}}", "字".repeat(MAX_STRING_CHARS))).is_ok());
    }
}
