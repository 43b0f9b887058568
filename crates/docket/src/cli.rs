//! The command line, as scripts rely on it (see README.md).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "docket", version, about = "Docket（审管）：法院案件管理与审判质效", long_about = None)]
pub struct Cli {
    /// 数据库：postgres://…、sqlite://路径 或文件路径（默认 ./docket.db；demo 默认 ./docket-demo.db）
    #[arg(long, global = true, env = "DOCKET_DB")]
    pub db: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 导入交换格式（JSONL）文件：全部成功或全部不写入
    Import {
        /// JSONL 文件
        file: PathBuf,
    },
    /// 将整个数据库导出为交换格式（JSONL），写到标准输出
    Export,
    /// 校验各法院的哈希链和案件投影；完好时退出码为 0
    Verify,
    /// 从事件日志重建全部案件投影
    Rebuild,
    /// 案件
    #[command(subcommand)]
    Case(CaseCommand),
    /// 生成并载入演示法院数据
    Demo(DemoArgs),
}

#[derive(Subcommand, Debug)]
pub enum CaseCommand {
    /// 显示案件、当事人和时间线
    Show {
        /// 案号，如 （2025）内0203民初1234号
        case_no: String,
    },
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// 随机种子：同一种子生成同样的数据
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// 案件数（约数，含派生的上诉和执行案件）
    #[arg(long, default_value_t = 600)]
    pub cases: usize,
    /// 基层法院数
    #[arg(long, default_value_t = 2)]
    pub courts: usize,
    /// 年数（截至 2026-10-31）
    #[arg(long, default_value_t = 3)]
    pub years: u32,
    /// 同时把生成的数据写成交换格式文件
    #[arg(long)]
    pub export: Option<PathBuf>,
    /// 只生成文件（配合 --export），不载入数据库
    #[arg(long, requires = "export")]
    pub export_only: bool,
    /// 载入后不启动网页服务
    #[arg(long)]
    pub no_serve: bool,
}
