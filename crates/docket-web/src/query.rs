//! Query-string parameters refused in Chinese. axum's own `Query` answers a bad parameter with
//! English text ("Failed to deserialize query string: …"); these answer like every other refusal
//! of the page or the API: 400 with `参数 X 无效` naming the parameter.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, PageError, WebError};

/// A page's query parameters; refused with the Chinese error page.
pub struct PageQuery<T>(pub T);

/// An API call's query parameters; refused with the JSON error (`bad_request`).
pub struct ApiQuery<T>(pub T);

/// The parameters, or the refusal naming the one at fault.
async fn parse<T: DeserializeOwned, S: Send + Sync>(parts: &mut Parts, state: &S) -> Result<T, WebError> {
    match axum::extract::Query::<T>::from_request_parts(parts, state).await {
        Ok(q) => Ok(q.0),
        Err(rejection) => Err(WebError::BadRequest(refusal(&rejection.body_text()))),
    }
}

/// `参数 from 无效：…` from axum's text, whose detail starts with the parameter's name when serde
/// knows it ("Failed to deserialize query string: from: input contains invalid characters").
fn refusal(text: &str) -> String {
    let detail = text.split_once("query string: ").map_or(text, |(_, d)| d);
    if let Some(field) = detail.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
        return format!("缺少参数 {field}");
    }
    match detail.split_once(": ") {
        Some((field, why)) if !field.is_empty() && field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
            format!("参数 {field} 无效（{why}）")
        }
        _ => format!("网址中的参数无效（{detail}）"),
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for PageQuery<T> {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(parse(parts, state).await?))
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(parse(parts, state).await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Q {
        year: i32,
        rollup: Option<bool>,
    }

    async fn refused(uri: &str) -> String {
        let (mut parts, _) = axum::http::Request::builder().uri(uri).body(()).expect("request").into_parts();
        match parse::<Q, ()>(&mut parts, &()).await {
            Err(WebError::BadRequest(m)) => m,
            other => panic!("{uri}: {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_bad_parameter_is_refused_in_chinese_by_name() {
        assert_eq!(refused("/x?year=2025&rollup=perhaps").await.split('（').next(), Some("参数 rollup 无效"));
        assert_eq!(refused("/x?year=二零二五").await.split('（').next(), Some("参数 year 无效"));
        assert_eq!(refused("/x?rollup=true").await, "缺少参数 year");
        let (mut parts, _) = axum::http::Request::builder().uri("/x?year=2025").body(()).expect("r").into_parts();
        assert_eq!(parse::<Q, ()>(&mut parts, &()).await.expect("accepted").year, 2025);
    }
}
