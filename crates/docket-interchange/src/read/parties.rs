//! The parties of a case line (INTERCHANGE.md, "Cases"): `tags`, `parties` with their identity,
//! address, phone and agents (代理人).

use serde_json::Value;

use docket_domain::{Agent, AgentKind, IdType, OrgType, Party, PartyId, PartyKind, PartyRole, Tag};

use super::Fields;

impl Fields<'_> {
    pub(super) fn tags(&mut self) -> Option<Vec<Tag>> {
        let mut tags: Vec<Tag> = Vec::new();
        match self.get("tags") {
            None => {}
            Some(Value::Array(items)) => {
                for (i, t) in items.iter().enumerate() {
                    match t.as_str().and_then(Tag::parse) {
                        Some(t) if !tags.contains(&t) => tags.push(t),
                        Some(_) => self.err(&format!("tags[{i}]"), "标签重复"),
                        None => self.err(&format!("tags[{i}]"), "标签应为小写字母开头的标识符，如 enterprise"),
                    }
                }
            }
            Some(_) => {
                self.err("tags", "应为数组");
                return None;
            }
        }
        Some(tags)
    }

    pub(super) fn parties(&mut self) -> Option<Vec<Party>> {
        let items = match self.get("parties") {
            Some(Value::Array(items)) if !items.is_empty() => items,
            Some(Value::Array(_)) | None => {
                self.err("parties", "至少应有一名当事人");
                return None;
            }
            Some(_) => {
                self.err("parties", "应为数组");
                return None;
            }
        };
        let mut parties = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let prefix = format!("parties[{i}].");
            let Some(obj) = item.as_object() else {
                self.err(&format!("parties[{i}]"), "应为对象");
                ok = false;
                continue;
            };
            let mut p = Fields { obj, line: self.line, prefix, errors: Vec::new() };
            let party = p.party();
            self.errors.append(&mut p.errors);
            match party {
                Some(party) => parties.push(party),
                None => ok = false,
            }
        }
        ok.then_some(parties)
    }

    fn party(&mut self) -> Option<Party> {
        let role = self.enum_value(
            "role",
            PartyRole::parse,
            "plaintiff、defendant、third_party、appellant、appellee、applicant、respondent、victim 或 private_prosecutor",
        );
        let kind = self.enum_value("kind", PartyKind::parse, "person 或 organization");
        let name = self.req_str("name").map(str::to_owned);
        let kind = kind?;
        let id_type = match self.opt_str("id_type") {
            Some(s) => match IdType::parse(s) {
                Some(t) => t,
                None => {
                    self.err("id_type", format!("证件类型“{s}”无效"));
                    return None;
                }
            },
            None => IdType::default_for(kind),
        };
        let id = match self.opt_str("id_number") {
            Some(n) => Some(PartyId::parse(id_type, n).map_err(|e| self.err("id_number", e.to_string())).ok()?),
            None => None,
        };
        let org_type = match self.opt_str("org_type") {
            Some(_) if kind != PartyKind::Organization => {
                self.err("org_type", "只有单位当事人才填写单位性质 org_type");
                return None;
            }
            Some(_) => Some(self.enum_value("org_type", OrgType::parse, "government、soe 或 private")?),
            None => None,
        };
        let address = self.opt_text("address", 200)?;
        let phone = match self.opt_str("phone") {
            Some(p) if !p.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | ' ')) || p.len() < 5 => {
                self.err("phone", "联系电话只能由数字、“-”“+”组成");
                return None;
            }
            p => p.map(str::to_owned),
        };
        let agents = self.agents()?;
        Some(Party { id, org_type, address, phone, agents, ..Party::new(role?, kind, name?) })
    }

    /// `agents`: `[{"name","kind":"lawyer"|"citizen","licence_no"}]`; a lawyer needs a licence number.
    fn agents(&mut self) -> Option<Vec<Agent>> {
        let items = match self.get("agents") {
            None => return Some(Vec::new()),
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.err("agents", "应为数组");
                return None;
            }
        };
        let mut agents = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let field = |f: &str| format!("agents[{i}].{f}");
            let Some(obj) = item.as_object() else {
                self.err(&format!("agents[{i}]"), "应为对象");
                return None;
            };
            if let Some(k) = obj.keys().find(|k| !matches!(k.as_str(), "name" | "kind" | "licence_no")) {
                self.err(&field(k), "未知字段");
                return None;
            }
            let name = obj.get("name").and_then(Value::as_str).map(str::trim).filter(|n| !n.is_empty());
            let Some(name) = name else {
                self.err(&field("name"), "应为非空字符串");
                return None;
            };
            let Some(kind) = obj.get("kind").and_then(Value::as_str).and_then(AgentKind::parse) else {
                self.err(&field("kind"), "应为 lawyer 或 citizen");
                return None;
            };
            let licence_no = match obj.get("licence_no") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) if !s.trim().is_empty() && s.len() <= 40 => Some(s.trim().to_owned()),
                Some(_) => {
                    self.err(&field("licence_no"), "执业证号应为不超过 40 字符的非空字符串");
                    return None;
                }
            };
            if kind == AgentKind::Lawyer && licence_no.is_none() {
                self.err(&field("licence_no"), "律师代理人须填写执业证号");
                return None;
            }
            agents.push(Agent { name: name.to_owned(), kind, licence_no });
        }
        Some(agents)
    }
}
