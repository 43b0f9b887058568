//! The backup file (备份文件): every table of a deployment as JSON lines, with a checksum line at
//! the end, written from one consistent snapshot and restored into an empty database of either
//! backend.
//!
//! ```text
//! {"docket_backup":1,"schema":7,"backend":"sqlite","taken_at":"…","tables":[{"name":"courts","columns":["code",…]},…]}
//! ["courts",["内0203","…","basic",null]]
//! …
//! {"end":{"rows":12345,"sha256":"<hex of every byte before this line>"}}
//! ```
//!
//! Text is a JSON string, integers are numbers, booleans are booleans, dates are `YYYY-MM-DD`,
//! bytes are base64. The file is written to `PATH.partial` and renamed when complete, readable
//! by its owner only: it holds sealed cases and password hashes.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use docket_store::backup::{ColumnType, RestoreReceipt, RowSink, RowSource, TABLES, Table, Value};
use docket_store::{BackupStore, StoreError};
use serde_json::{Value as Json, json};
use sha2::{Digest, Sha256};

use crate::AppError;

/// The backup format's version.
pub const FORMAT: u64 = 1;

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    pub schema: i64,
    pub rows: u64,
    pub bytes: u64,
    /// Hex SHA-256 of the file up to its end line (the value the end line records).
    pub sha256: String,
}

/// Writes a backup of `store` to `out` (via `out.partial`, renamed when complete).
pub async fn write_backup<S: BackupStore>(store: &S, backend: &str, out: &Path) -> Result<BackupReport, AppError> {
    let partial = partial_path(out);
    let file = create_private(&partial)?;
    let mut sink = FileSink { out: BufWriter::new(file), hash: Sha256::new(), rows: 0, bytes: 0, schema: 0, backend };
    let taken = store.snapshot(&mut sink).await;
    if let Err(e) = taken {
        let _ = std::fs::remove_file(&partial);
        return Err(e.into());
    }
    let sha256 = hex(&sink.hash.clone().finalize());
    let end = json!({"end": {"rows": sink.rows, "sha256": sha256}});
    let finish = (|| -> std::io::Result<u64> {
        let line = format!("{end}\n");
        sink.out.write_all(line.as_bytes())?;
        sink.out.flush()?;
        sink.out.get_ref().sync_all()?;
        Ok(sink.bytes + line.len() as u64)
    })();
    let bytes = match finish {
        Ok(b) => b,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e.into());
        }
    };
    std::fs::rename(&partial, out)?;
    Ok(BackupReport { schema: sink.schema, rows: sink.rows, bytes, sha256 })
}

/// Restores the backup at `path` into `store`, which must be empty: first checks the whole file
/// (its end line's checksum, its format and schema version, its tables), then writes it in one
/// transaction.
pub async fn restore_backup<S: BackupStore>(store: &S, path: &Path) -> Result<RestoreReceipt, AppError> {
    let name = path.display().to_string();
    let schema = check_file(path, &name)?;
    let ours = store.schema_version().await?;
    if schema != ours {
        return Err(AppError::Invalid(format!(
            "{name}：备份的数据库结构版本为 {schema}，本程序为 {ours}；请用与备份同版本的 docket 恢复，再用本版本打开以升级"
        )));
    }
    let file = File::open(path)?;
    let mut source = FileSource { lines: BufReader::new(file), line_no: 0, name, done: false };
    source.read_line()?; // the header, checked above
    Ok(store.restore(&mut source).await?)
}

fn partial_path(out: &Path) -> PathBuf {
    let mut p = out.as_os_str().to_owned();
    p.push(".partial");
    PathBuf::from(p)
}

fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct FileSink<'a> {
    out: BufWriter<File>,
    hash: Sha256,
    rows: u64,
    bytes: u64,
    schema: i64,
    backend: &'a str,
}

impl FileSink<'_> {
    fn line(&mut self, value: &Json) -> Result<(), StoreError> {
        let line = format!("{value}\n");
        self.hash.update(line.as_bytes());
        self.bytes += line.len() as u64;
        self.out.write_all(line.as_bytes()).map_err(|e| StoreError::Unavailable(format!("写备份文件失败：{e}")))
    }
}

impl RowSink for FileSink<'_> {
    fn begin(&mut self, schema_version: i64) -> Result<(), StoreError> {
        self.schema = schema_version;
        let tables: Vec<Json> = TABLES
            .iter()
            .map(|t| json!({"name": t.name, "columns": t.columns.iter().map(|c| c.0).collect::<Vec<_>>()}))
            .collect();
        let header = json!({
            "docket_backup": FORMAT,
            "schema": schema_version,
            "backend": self.backend,
            "taken_at": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "tables": tables,
        });
        self.line(&header)
    }

    fn row(&mut self, table: &'static Table, row: Vec<Value>) -> Result<(), StoreError> {
        let values: Vec<Json> = row.into_iter().map(encode).collect();
        self.rows += 1;
        self.line(&json!([table.name, values]))
    }
}

fn encode(v: Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Text(s) => Json::String(s),
        Value::Int(n) => json!(n),
        Value::Bool(b) => Json::Bool(b),
        Value::Date(d) => Json::String(d.format("%Y-%m-%d").to_string()),
        Value::Blob(b) => Json::String(B64.encode(b)),
    }
}

fn decode(ty: ColumnType, v: &Json) -> Option<Value> {
    Some(match (ty, v) {
        (_, Json::Null) => Value::Null,
        (ColumnType::Text, Json::String(s)) => Value::Text(s.clone()),
        (ColumnType::Int, Json::Number(n)) => Value::Int(n.as_i64()?),
        (ColumnType::Bool, Json::Bool(b)) => Value::Bool(*b),
        (ColumnType::Date, Json::String(s)) => Value::Date(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?),
        (ColumnType::Blob, Json::String(s)) => Value::Blob(B64.decode(s).ok()?),
        _ => return None,
    })
}

/// Reads the file once: the header's format, schema and tables, and the end line's row count and
/// checksum over every byte before it. Returns the schema version.
fn check_file(path: &Path, name: &str) -> Result<i64, AppError> {
    let bad = |line: u64, what: String| AppError::Invalid(format!("{name} 第 {line} 行：{what}"));
    let mut lines = BufReader::new(File::open(path)?);
    let mut hash = Sha256::new();
    let mut buf = String::new();
    let mut line_no = 0u64;
    let mut schema = None;
    let mut rows = 0u64;
    loop {
        buf.clear();
        if lines.read_line(&mut buf)? == 0 {
            return Err(AppError::Invalid(format!("{name}：文件不完整（缺少结束行），可能复制或写入时中断")));
        }
        line_no += 1;
        if line_no == 1 {
            schema = Some(check_header(&buf).map_err(|e| bad(1, e))?);
        } else if buf.starts_with("{\"end\"") {
            let end: Json = serde_json::from_str(&buf).map_err(|e| bad(line_no, format!("结束行无法读取：{e}")))?;
            let recorded = end["end"]["sha256"].as_str().unwrap_or_default();
            let actual = hex(&hash.clone().finalize());
            if recorded != actual {
                return Err(bad(line_no, "校验和不符：备份文件已损坏或被改动".into()));
            }
            if end["end"]["rows"].as_u64() != Some(rows) {
                return Err(bad(line_no, format!("行数不符：结束行记 {}，文件中有 {rows}", end["end"]["rows"])));
            }
            buf.clear();
            if lines.read_line(&mut buf)? != 0 {
                return Err(bad(line_no + 1, "结束行之后还有内容".into()));
            }
            return schema.ok_or_else(|| bad(1, "缺少文件头".into()));
        } else {
            rows += 1;
        }
        hash.update(buf.as_bytes());
    }
}

fn check_header(line: &str) -> Result<i64, String> {
    let header: Json = serde_json::from_str(line).map_err(|_| "不是 docket 备份文件（文件头无法读取）".to_owned())?;
    let format = header["docket_backup"].as_u64().ok_or("不是 docket 备份文件（缺少 docket_backup）")?;
    if format != FORMAT {
        return Err(format!("备份格式版本 {format} 不受支持（本程序读 {FORMAT}）"));
    }
    let schema = header["schema"].as_i64().ok_or("文件头缺少 schema")?;
    let tables = header["tables"].as_array().ok_or("文件头缺少 tables")?;
    let listed: Vec<(String, Vec<String>)> = tables
        .iter()
        .map(|t| {
            let name = t["name"].as_str().unwrap_or_default().to_owned();
            let cols =
                t["columns"].as_array().into_iter().flatten().filter_map(|c| c.as_str().map(str::to_owned)).collect();
            (name, cols)
        })
        .collect();
    let ours: Vec<(String, Vec<String>)> =
        TABLES.iter().map(|t| (t.name.to_owned(), t.columns.iter().map(|c| c.0.to_owned()).collect())).collect();
    if listed != ours {
        return Err("备份中的表或列与本程序不一致".into());
    }
    Ok(schema)
}

struct FileSource {
    lines: BufReader<File>,
    line_no: u64,
    name: String,
    done: bool,
}

impl FileSource {
    fn read_line(&mut self) -> Result<String, StoreError> {
        let mut buf = String::new();
        self.lines.read_line(&mut buf).map_err(|e| StoreError::Unavailable(format!("读备份文件失败：{e}")))?;
        self.line_no += 1;
        Ok(buf)
    }

    fn bad(&self, what: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt(format!("{} 第 {} 行：{what}", self.name, self.line_no))
    }
}

impl RowSource for FileSource {
    fn next_row(&mut self) -> Result<Option<(&'static Table, Vec<Value>)>, StoreError> {
        if self.done {
            return Ok(None);
        }
        let line = self.read_line()?;
        if line.is_empty() || line.starts_with("{\"end\"") {
            self.done = true;
            return Ok(None);
        }
        let parsed: Json = serde_json::from_str(&line).map_err(|e| self.bad(format!("无法读取：{e}")))?;
        let (Some(name), Some(values)) = (parsed[0].as_str(), parsed[1].as_array()) else {
            return Err(self.bad("应为 [表名, [值…]]"));
        };
        let table = docket_store::backup::table(name).ok_or_else(|| self.bad(format!("未知的表“{name}”")))?;
        if values.len() != table.columns.len() {
            return Err(self.bad(format!("表 {name} 应有 {} 列，此行有 {} 列", table.columns.len(), values.len())));
        }
        let mut row = Vec::with_capacity(values.len());
        for ((column, ty, _), v) in table.columns.iter().zip(values) {
            row.push(decode(*ty, v).ok_or_else(|| self.bad(format!("表 {name} 的列 {column} 的值无法读取")))?);
        }
        Ok(Some((table, row)))
    }
}
