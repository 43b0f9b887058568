//! Overlapping character bigrams of Chinese text, each at the position of its first character,
//! so that a [`tantivy::query::PhraseQuery`] over consecutive bigrams matches an exact substring.
//! Runs of ASCII letters and digits are one lower-cased token each; punctuation and spaces
//! separate runs (a bigram never spans them).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

#[derive(Clone, Debug, Default)]
pub struct BigramTokenizer;

pub struct BigramStream {
    tokens: Vec<Token>,
    at: usize,
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '〇')
}

/// The tokens of `text`: (byte from, byte to, text, position).
pub(crate) fn bigrams(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i + 1).map_or(text.len(), |c| c.0);
    let mut out = Vec::new();
    let mut position = 0;
    let mut i = 0;
    while i < chars.len() {
        let (from, c) = chars[i];
        if is_cjk(c) {
            // A lone character between separators is a token of its own (a one-character word).
            let next_cjk = chars.get(i + 1).is_some_and(|n| is_cjk(n.1));
            let prev_cjk = i > 0 && is_cjk(chars[i - 1].1);
            if next_cjk {
                out.push(Token {
                    offset_from: from,
                    offset_to: end_of(i + 1),
                    position,
                    text: text[from..end_of(i + 1)].to_owned(),
                    position_length: 1,
                });
                position += 1;
            } else if !prev_cjk {
                out.push(Token {
                    offset_from: from,
                    offset_to: end_of(i),
                    position,
                    text: c.to_string(),
                    position_length: 1,
                });
                position += 1;
            }
            i += 1;
        } else if c.is_ascii_alphanumeric() {
            let mut j = i;
            while j < chars.len() && chars[j].1.is_ascii_alphanumeric() {
                j += 1;
            }
            let to = chars.get(j).map_or(text.len(), |c| c.0);
            out.push(Token {
                offset_from: from,
                offset_to: to,
                position,
                text: text[from..to].to_ascii_lowercase(),
                position_length: 1,
            });
            position += 1;
            i = j;
        } else {
            // A separator: the next run starts a gap further, so no phrase spans it.
            position += 1;
            i += 1;
        }
    }
    out
}

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = BigramStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream {
        BigramStream { tokens: bigrams(text), at: 0 }
    }
}

impl TokenStream for BigramStream {
    fn advance(&mut self) -> bool {
        self.at += 1;
        self.at <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.at - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.at - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(String, usize)> {
        bigrams(s).into_iter().map(|t| (t.text, t.position)).collect()
    }

    #[test]
    fn bigrams_overlap_with_consecutive_positions_and_separators_break_them() {
        assert_eq!(
            texts("买卖合同，盗窃"),
            [("买卖".into(), 0), ("卖合".into(), 1), ("合同".into(), 2), ("盗窃".into(), 4)]
        );
        assert_eq!(texts("蒙B12345号"), [("蒙".into(), 0), ("b12345".into(), 1), ("号".into(), 2)]);
    }
}
