//! The command line, as scripts rely on it (see README.md).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "docket", version, about = "Docket（审管）：法院案件管理与审判质效", long_about = None)]
pub struct Cli {
    /// 数据库：postgres://…、sqlite://路径 或文件路径（默认 ./docket.db；demo 默认 ./docket-demo.db）
    #[arg(long, global = true, env = "DOCKET_DB")]
    pub db: Option<String>,

    /// 审限届满日遇休息日是否顺延（民诉法 §85），默认 on
    #[arg(long, global = true, env = "DOCKET_HOLIDAY_RULE", default_value = "on", value_parser = ["on", "off"])]
    pub holiday_rule: String,

    /// 司法确认案件的审限：statute（民诉法 §187：30 日，院长批准可延长 30 日，默认）或 2011（司法确认规定第五条：15 日，延长 10 日）
    #[arg(long, global = true, env = "DOCKET_CONFIRMATION_RULE", default_value = "statute", value_parser = ["statute", "2011"])]
    pub confirmation_rule: String,

    /// 默克尔日志的签名密钥文件（不存于数据库）；默认为 SQLite 文件旁的“文件名.log-key”，PostgreSQL 时为 ./docket-log.key
    #[arg(long, global = true, env = "DOCKET_LOG_KEY")]
    pub log_key: Option<PathBuf>,

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
    Export {
        /// 在每个案件行加上 derived 对象（审限、期间、是否审限内结案等）
        #[arg(long)]
        derived: bool,
        /// derived 的计算日期（默认今天）
        #[arg(long, value_name = "DATE", requires = "derived")]
        as_of: Option<chrono::NaiveDate>,
    },
    /// 列出审限将届满（及已超审限）的未结案件，按审限先后排列
    Due {
        /// 法院代字
        #[arg(long)]
        court: Option<String>,
        /// 承办法官代码
        #[arg(long)]
        judge: Option<String>,
        /// 庭室代码
        #[arg(long)]
        department: Option<String>,
        /// 天数：审限在此天数内届满（默认 15，即民事延长审限申请期）
        #[arg(long, default_value_t = 15)]
        within: i64,
        /// 计算日期（默认今天）
        #[arg(long, value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
    },
    /// 节假日安排（审限届满日遇休息日顺延，民诉法 §85）
    #[command(subcommand)]
    Holidays(HolidaysCommand),
    /// 校验各法院的哈希链、案件投影和默克尔日志（含检查点签名）；完好时退出码为 0。
    /// 加 --bundle 时只核验一个核验包，不需要数据库
    Verify {
        /// 核验包文件（docket proof event --bundle 或 docket evidence bundle 生成）
        #[arg(long)]
        bundle: Option<PathBuf>,
        /// 法院公布的公钥（名称+编号+公钥）；指定后检查点必须由它签署
        #[arg(long)]
        verifier_key: Option<String>,
    },
    /// 签发并输出最新的签名检查点（C2SP tlog-checkpoint）；树未增长时输出上一个
    Checkpoint {
        /// 只输出公钥（C2SP signed-note 格式：名称+编号+base64(0x01‖Ed25519 公钥)）
        #[arg(long)]
        verifier_key: bool,
    },
    /// 默克尔证明（JSON，哈希为 base64）
    #[command(subcommand)]
    Proof(ProofCommand),
    /// 证据：上传、列出、下载、生成核验包
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// 从事件日志重建全部案件投影
    Rebuild,
    /// 备份：在服务运行时取一致的快照，写到一个文件（含日志、默克尔树与检查点、证据、用户、审计日志、设置；不含会话和签名密钥）
    Backup {
        /// 备份文件（先写到“文件名.partial”，完成后改名）
        #[arg(long)]
        out: PathBuf,
    },
    /// 恢复：把备份文件写入一个空数据库（--db 指定，SQLite 与 PostgreSQL 均可），全部成功或全部不写入
    Restore {
        /// 备份文件
        file: PathBuf,
    },
    /// 案件
    #[command(subcommand)]
    Case(CaseCommand),
    /// 生成并载入演示法院数据，然后启动网页服务
    Demo(DemoArgs),
    /// 启动网页服务（页面与 /api/v1）
    Serve {
        /// 监听地址
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// 树增长时自动签发检查点的间隔（秒）
        #[arg(long, default_value_t = 300)]
        checkpoint_every: u64,
        #[command(flatten)]
        deploy: DeployArgs,
    },
    /// 用户账户
    #[command(subcommand)]
    User(UserCommand),
    /// 报告：一周一通报（weekly）、月度质效分析（monthly）、年度工作报告数据稿（annual）、专题分析报告（topic，配合 --tag 或 --cause），数字全部取自指标引擎
    Report {
        /// weekly、monthly、annual 或 topic
        #[arg(value_parser = ["weekly", "monthly", "annual", "topic"])]
        kind: String,
        /// 法院代字
        #[arg(long)]
        court: String,
        /// 期间：2025、2025-Q3、2025-10、2025-W40 或 2025-01-01..2025-03-31
        #[arg(long)]
        period: String,
        /// 含下级法院（辖区）
        #[arg(long)]
        rollup: bool,
        /// 专题报告的标签，如 labor（劳动争议）、enterprise（涉企）
        #[arg(long)]
        tag: Option<String>,
        /// 专题报告的案由，如 劳动争议；多个以逗号分隔
        #[arg(long)]
        cause: Option<String>,
        /// 格式
        #[arg(long, default_value = "txt", value_parser = docket_app::ReportFormat::ALL)]
        format: String,
        /// 输出文件（默认标准输出；docx、xlsx 必须指定）
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 审判质效指标：按法院、期间计算，可分组、筛选标签，含同比、环比；explain 列出分子分母案件
    Metrics(MetricsArgs),
    /// 数据核查：超期立案、年底收案骤减、审限届满前突击扣除或延长、撤诉后重新起诉、诉前调解超期、月末突击结案、事件补录——是线索，不是结论
    /// 绩效考核：按考核方案计算法官或部门某年、某月的得分（各项指标值、得分与总分）
    Appraisal {
        /// 法院代字
        #[arg(long)]
        court: String,
        /// 考核方案编号，如 2025-法官
        #[arg(long)]
        scheme: String,
        /// 考核期间：年（2025）或月（2025-03）
        #[arg(long)]
        period: String,
        /// 输出格式
        #[arg(long, default_value = "table", value_parser = ["table", "json"])]
        format: String,
    },
    /// 类案检索：在裁判文书全文中检索（已公开文书及本人可阅的内部文书；命令行操作员可检索全部）
    Search {
        /// 检索词：空格分隔的各部分都须出现（短语按原文连续匹配）
        #[arg(default_value = "")]
        query: String,
        /// 法院代字
        #[arg(long)]
        court: Option<String>,
        /// 案由，如 买卖合同纠纷
        #[arg(long)]
        cause: Option<String>,
        /// 引用的法条，如 《中华人民共和国民法典》第五百七十七条
        #[arg(long)]
        article: Option<String>,
        /// 最多返回条数
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// 输出格式
        #[arg(long, default_value = "table", value_parser = ["table", "json"])]
        format: String,
        /// 由事件日志重建全文索引后再检索（检索词为空时只重建）
        #[arg(long)]
        reindex: bool,
    },
    /// 裁判文书
    #[command(subcommand)]
    Document(DocumentCommand),
    /// 计算诉讼费（诉讼费用交纳办法），逐项列出所依条款；不需要数据库
    Fee {
        /// 类型代字，如 民初、民终、执、财保、民督、破
        #[arg(long = "type", value_name = "TYPE")]
        case_type: String,
        /// 诉讼请求金额（元；上诉案件为上诉请求数额，执行、保全为执行、保全金额）
        #[arg(long, value_name = "YUAN")]
        claim: Option<String>,
        /// 案由，如 离婚纠纷、名誉权纠纷、劳动争议
        #[arg(long, default_value = "")]
        cause: String,
        /// 审理程序：ordinary、simple、small_claims、appeal_judgment、appeal_ruling …（默认为该类型的默认程序）
        #[arg(long)]
        procedure: Option<String>,
        /// 结案方式：mediation（调解）、withdrawal（撤诉）、dismissal（驳回起诉）、judgment …
        #[arg(long)]
        closing: Option<String>,
        /// 输出格式
        #[arg(long, default_value = "table", value_parser = ["table", "json"])]
        format: String,
    },
    Integrity {
        /// 法院代字
        #[arg(long)]
        court: String,
        /// 含下级法院
        #[arg(long)]
        rollup: bool,
        /// 期间起日（含）
        #[arg(long, value_name = "DATE")]
        from: chrono::NaiveDate,
        /// 期间止日（含）
        #[arg(long, value_name = "DATE")]
        to: chrono::NaiveDate,
        /// 只运行这些核查（逗号分隔）：late_filing、year_end_dip、suspension_before_expiry、withdraw_refile、premediation_parking、closing_bunching、backdating
        #[arg(long, value_delimiter = ',')]
        detectors: Vec<String>,
        /// 输出格式
        #[arg(long, default_value = "table", value_parser = ["table", "json"])]
        format: String,
    },
}

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct MetricsArgs {
    #[command(subcommand)]
    pub command: Option<MetricsCommand>,
    #[command(flatten)]
    pub query: MetricsQuery,
    /// 分组：month、quarter、year 之一，和/或 court、department、judge、type、category、cause、tag 之一（逗号分隔）
    #[arg(long, value_delimiter = ',')]
    pub by: Vec<String>,
    /// 只计算这些指标（指标 id，逗号分隔；默认全部）
    #[arg(long, value_delimiter = ',')]
    pub indicators: Vec<String>,
    /// 输出格式
    #[arg(long, default_value = "table", value_parser = ["table", "json", "csv"])]
    pub format: String,
    /// 指标设置文件（口径、合理区间、阈值）；默认用“管理 · 指标设置”保存的设置，未保存时为指标目录的默认值（docket metrics settings 可导出）
    #[arg(long, global = true, env = "DOCKET_METRICS_SETTINGS")]
    pub settings: Option<std::path::PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum DocumentCommand {
    /// 输出案件最新一份裁判文书按隐名规则处理后的全文（法释〔2016〕19号）
    Anonymize {
        /// 案号
        case_no: String,
        /// 同时列出每处改动及其依据
        #[arg(long)]
        changes: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum MetricsCommand {
    /// 输出指标设置文件（当前生效的设置，未指定 --settings 时为默认值）
    Settings,
    /// 列出某指标分子和分母中的案件
    Explain {
        /// 指标 id，如 closure_rate
        id: String,
        #[command(flatten)]
        query: MetricsQuery,
        /// 输出格式
        #[arg(long, default_value = "table", value_parser = ["table", "json"])]
        format: String,
    },
}

#[derive(Args, Debug, Clone)]
pub struct MetricsQuery {
    /// 法院代字
    #[arg(long)]
    pub court: Option<String>,
    /// 含下级法院
    #[arg(long)]
    pub rollup: bool,
    /// 统计期间起日（含）
    #[arg(long, value_name = "DATE")]
    pub from: Option<chrono::NaiveDate>,
    /// 统计期间止日（含）
    #[arg(long, value_name = "DATE")]
    pub to: Option<chrono::NaiveDate>,
    /// 只统计带此标签的案件，如 major_project
    #[arg(long)]
    pub tag: Option<String>,
    /// 只统计这些案由的案件，如 劳动争议；多个以逗号分隔
    #[arg(long)]
    pub cause: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum HolidaysCommand {
    /// 显示某年的节假日安排（“休”为放假日，“班”为调休上班日）
    Show { year: i32 },
    /// 导入节假日安排文件；文件中出现的年份整体替换
    Import { file: PathBuf },
}

#[derive(Subcommand, Debug)]
pub enum CaseCommand {
    /// 显示案件、当事人和时间线
    Show {
        /// 案号，如 （2025）内0203民初1234号
        case_no: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum ProofCommand {
    /// 案件某条记录（0 为立案，1 起为其后各事件）在检查点中的包含证明
    Event {
        /// 案号
        case_no: String,
        /// 记录序号：0 为立案，1、2……为其后各事件
        seq: u32,
        /// 同时写出可离线核验的核验包
        #[arg(long)]
        bundle: Option<PathBuf>,
    },
    /// 两个树大小之间的一致性证明（新树是旧树的延续）
    Consistency { old: u64, new: u64 },
}

#[derive(Subcommand, Debug)]
pub enum EvidenceCommand {
    /// 为案件上传证据文件（登记来源和收集方式，进入默克尔日志）
    Add {
        /// 案号
        case_no: String,
        /// 文件
        file: PathBuf,
        /// 声明的文件类型，如 application/pdf、image/jpeg、text/plain（与内容核对）
        #[arg(long = "type")]
        media_type: String,
        /// 证据来源，如 原告提交
        #[arg(long)]
        source: String,
        /// 收集方式，如 线上提交、现场提取
        #[arg(long)]
        method: String,
        /// 登记人
        #[arg(long, default_value = "cli")]
        by: String,
    },
    /// 列出案件的证据
    List { case_no: String },
    /// 下载证据文件（先核对哈希）
    Get {
        case_no: String,
        number: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// 生成证据的核验包（含文件、叶子、证明、检查点和公钥）
    Bundle {
        case_no: String,
        number: i64,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// 随机种子：同一种子生成同样的数据
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// 案件数（约数，含派生的上诉和执行案件）；默认 60000，使主要基层法院每年新收约一万件，与真实的基层法院相当
    #[arg(long, default_value_t = 60_000)]
    pub cases: usize,
    /// 基层法院数
    #[arg(long, default_value_t = 2)]
    pub courts: usize,
    /// 年数（截至 --until）
    #[arg(long, default_value_t = 3)]
    pub years: u32,
    /// 数据的最后一天（默认昨天，使本月报表有数；测试用固定日期以便复现）
    #[arg(long)]
    pub until: Option<chrono::NaiveDate>,
    /// 同时把生成的数据写成交换格式文件
    #[arg(long)]
    pub export: Option<PathBuf>,
    /// 只生成文件（配合 --export），不载入数据库
    #[arg(long, requires = "export")]
    pub export_only: bool,
    /// 载入后不启动网页服务
    #[arg(long)]
    pub no_serve: bool,
    /// 网页服务的监听地址
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// 创建用户；密码从标准输入读取（一行）
    Add {
        /// 用户名（小写字母、数字、- _ .）
        username: String,
        /// 法院代字
        #[arg(long)]
        court: String,
        /// 角色：filing_clerk、judge、clerk、division_head、president、trial_management、enforcement_officer、higher_court_viewer、auditor、admin
        #[arg(long)]
        role: String,
        /// 关联的法官代码（决定“我的案件”和不公开案件的查阅）
        #[arg(long)]
        judge: Option<String>,
        /// 姓名（默认取关联法官的姓名）
        #[arg(long)]
        name: Option<String>,
    },
    /// 开设诉讼服务账户（当事人按证件号码、律师按执业证号关联案件），须先核验身份；密码从标准输入读取（一行）
    AddPortal {
        /// 用户名（小写字母、数字、- _ .）
        username: String,
        /// 核验身份的法院代字
        #[arg(long)]
        court: String,
        /// 当事人的公民身份号码或统一社会信用代码；律师的执业证号（与 --lawyer 同用）
        #[arg(long)]
        identity: String,
        /// 姓名或单位名称
        #[arg(long)]
        name: String,
        /// 律师账户
        #[arg(long)]
        lawyer: bool,
        /// 已签署送达地址确认书，同意电子送达
        #[arg(long)]
        consent: bool,
    },
    /// 列出一个法院的用户及其状态（停用、锁定、在线会话、最近改密时间）
    List {
        /// 法院代字
        #[arg(long)]
        court: String,
    },
    /// 重设用户密码（新密码从标准输入读取一行）；该用户的所有会话随即结束
    Passwd { username: String },
    /// 停用用户：不能再登录，现有会话随即结束
    Disable { username: String },
    /// 恢复已停用的用户
    Enable { username: String },
    /// 结束用户的全部会话（须重新登录）
    EndSessions { username: String },
    /// 修改用户的姓名、角色或关联法官（未给出的保持不变）；该用户的所有会话随即结束
    Edit {
        username: String,
        /// 新角色
        #[arg(long)]
        role: Option<String>,
        /// 新的关联法官代码（给空字符串则取消关联）
        #[arg(long)]
        judge: Option<String>,
        /// 新姓名
        #[arg(long)]
        name: Option<String>,
    },
}

/// How the server sits behind a reverse proxy that terminates TLS.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DeployArgs {
    /// 会话 Cookie 加 Secure 标记（经 HTTPS 访问时开启）
    #[arg(long, env = "DOCKET_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// 受信任的反向代理地址（逗号分隔）：来自这些地址的请求按 X-Forwarded-For 的最后一跳识别客户端
    #[arg(long, env = "DOCKET_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxy: Vec<std::net::IpAddr>,
}
