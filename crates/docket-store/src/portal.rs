//! The portal's tables (诉讼服务): a party's or lawyer's account beside its `accounts` row — the
//! verified link (`docket_domain::portal::Link`), the 送达地址确认书 (consent to electronic service
//! and the postal address to fall back to), the optional TOTP secret — and `portal_links`, the
//! cases each link reaches, written with the parties of a case and rebuilt with them.

use std::future::Future;

use crate::{AccountRow, AuditRow, StoreError};

/// A portal account's own columns.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PortalAccountRow {
    pub username: String,
    /// `id:` and an ID number or credit code, or `licence:` and a licence number.
    pub link: String,
    /// When the account holder confirmed electronic service to the account (送达地址确认书),
    /// UTC RFC 3339; none until they do.
    pub consent_at: Option<String>,
    /// The postal address service falls back to.
    pub address: Option<String>,
    /// The base32 TOTP secret, when the second factor is on.
    pub totp_secret: Option<String>,
}

/// A case a link reaches: the court, the 案号, and the party the link stands for.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LinkedCase {
    pub court: String,
    pub case_no: String,
    pub party_idx: i64,
}

pub trait PortalStore: Send + Sync {
    /// Creates accounts with their portal rows and audit lines, in one transaction.
    fn add_portal_accounts(
        &self,
        accounts: Vec<(AccountRow, PortalAccountRow)>,
        audit: Vec<AuditRow>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn portal_account(
        &self,
        username: &str,
    ) -> impl Future<Output = Result<Option<PortalAccountRow>, StoreError>> + Send;

    /// The portal accounts with one of these links (the accounts a case's parties have).
    fn portal_accounts_linked(
        &self,
        links: &[String],
    ) -> impl Future<Output = Result<Vec<PortalAccountRow>, StoreError>> + Send;

    /// Records the 送达地址确认书 (or withdraws it with `None`), with its audit line.
    fn set_portal_consent(
        &self,
        username: &str,
        consent_at: Option<String>,
        address: Option<String>,
        audit: AuditRow,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Turns the second factor on with `secret`, or off with `None`, with its audit line.
    fn set_totp_secret(
        &self,
        username: &str,
        secret: Option<String>,
        audit: AuditRow,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The cases a link reaches, newest 案号 first within each court.
    fn linked_cases(&self, link: &str) -> impl Future<Output = Result<Vec<LinkedCase>, StoreError>> + Send;
}

/// Implements [`PortalStore`] for a backend, and the writing of `portal_links` with a case's
/// parties.
macro_rules! impl_portal_store {
    ($store:ident, $db:ident) => {
        impl $store {
            /// Writes the links of newly written cases (`docket_domain::portal::Link::keys_of`).
            pub(crate) async fn write_portal_links(
                tx: &mut sqlx::Transaction<'static, $db>,
                states: &[&docket_domain::CaseState],
            ) -> Result<(), $crate::StoreError> {
                let rows: Vec<(String, String, String, i64)> = states
                    .iter()
                    .flat_map(|s| {
                        let (court, case_no) = (s.record.court.to_string(), s.record.case_no.to_string());
                        docket_domain::portal::Link::keys_of(&s.record.parties).into_iter().map(move |(link, i)| {
                            (link, court.clone(), case_no.clone(), i64::try_from(i).unwrap_or(i64::MAX))
                        })
                    })
                    .collect();
                $crate::sql::insert_chunks!(tx, rows, |chunk| {
                    let mut q =
                        sqlx::QueryBuilder::<$db>::new("INSERT INTO portal_links (link, court, case_no, party_idx) ");
                    q.push_values(chunk, |mut b, r| {
                        b.push_bind(&r.0).push_bind(&r.1).push_bind(&r.2).push_bind(r.3);
                    });
                    q
                });
                Ok(())
            }
        }

        impl $crate::portal::PortalStore for $store {
            async fn add_portal_accounts(
                &self,
                accounts: Vec<($crate::AccountRow, $crate::portal::PortalAccountRow)>,
                audit: Vec<$crate::AuditRow>,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                for r in &audit {
                    self.insert_audit(&mut tx, r).await?;
                }
                for (a, p) in &accounts {
                    Self::insert_account(&mut tx, a).await?;
                    sqlx::query(
                        "INSERT INTO portal_accounts (username, link, consent_at, address, totp_secret) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(p.username.as_str())
                    .bind(p.link.as_str())
                    .bind(p.consent_at.as_deref())
                    .bind(p.address.as_deref())
                    .bind(p.totp_secret.as_deref())
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn portal_account(
                &self,
                username: &str,
            ) -> Result<Option<$crate::portal::PortalAccountRow>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT username, link, consent_at, address, totp_secret FROM portal_accounts WHERE username = $1",
                )
                .bind(username)
                .fetch_optional(self.reader())
                .await?)
            }

            async fn portal_accounts_linked(
                &self,
                links: &[String],
            ) -> Result<Vec<$crate::portal::PortalAccountRow>, $crate::StoreError> {
                if links.is_empty() {
                    return Ok(Vec::new());
                }
                let mut q = sqlx::QueryBuilder::<$db>::new(
                    "SELECT p.username, p.link, p.consent_at, p.address, p.totp_secret FROM portal_accounts p \
                     JOIN accounts a ON a.username = p.username WHERE a.disabled = FALSE AND p.link IN (",
                );
                let mut each = q.separated(", ");
                for l in links {
                    each.push_bind(l.clone());
                }
                each.push_unseparated(") ORDER BY p.username");
                Ok(q.build_query_as().fetch_all(self.reader()).await?)
            }

            async fn set_portal_consent(
                &self,
                username: &str,
                consent_at: Option<String>,
                address: Option<String>,
                audit: $crate::AuditRow,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                self.insert_audit(&mut tx, &audit).await?;
                let done = sqlx::query("UPDATE portal_accounts SET consent_at = $1, address = $2 WHERE username = $3")
                    .bind(consent_at)
                    .bind(address)
                    .bind(username)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() != 1 {
                    return Err($crate::StoreError::Conflict(format!("诉讼服务账户 {username} 不存在")));
                }
                tx.commit().await?;
                Ok(())
            }

            async fn set_totp_secret(
                &self,
                username: &str,
                secret: Option<String>,
                audit: $crate::AuditRow,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                self.insert_audit(&mut tx, &audit).await?;
                let done = sqlx::query("UPDATE portal_accounts SET totp_secret = $1 WHERE username = $2")
                    .bind(secret)
                    .bind(username)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() != 1 {
                    return Err($crate::StoreError::Conflict(format!("诉讼服务账户 {username} 不存在")));
                }
                tx.commit().await?;
                Ok(())
            }

            async fn linked_cases(&self, link: &str) -> Result<Vec<$crate::portal::LinkedCase>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT court, case_no, party_idx FROM portal_links WHERE link = $1 \
                     ORDER BY court, case_no DESC, party_idx",
                )
                .bind(link)
                .fetch_all(self.reader())
                .await?)
            }
        }
    };
}
pub(crate) use impl_portal_store;
