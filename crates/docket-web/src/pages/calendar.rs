//! 开庭日历: the court's hearings set for a week or a month, for one judge or one courtroom or
//! all, with the same day's hearings of one judge or in one courtroom marked as a clash. Printed,
//! the page is the week's 排期表 (the print stylesheet drops the frame and the filters).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use docket_store::Store;

use super::frame::{Nav, href, percent_encode, render};
use crate::Web;
use crate::auth::PageUser;
use crate::error::{PageError, WebError};
use crate::query::PageQuery;

#[derive(serde::Deserialize, Default)]
pub struct CalendarQuery {
    view: Option<String>,
    date: Option<NaiveDate>,
    judge: Option<String>,
    room: Option<String>,
}

/// A hearing in a day's cell.
#[derive(Clone)]
pub struct Slot {
    pub case_no: String,
    pub href: String,
    pub room: String,
    pub judge: String,
    pub cause: String,
    pub clash: bool,
}

#[derive(Clone)]
pub struct Day {
    pub date: NaiveDate,
    /// Outside the month shown (the grid's first and last weeks).
    pub other: bool,
    pub slots: Vec<Slot>,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    nav: Nav,
    month_view: bool,
    title: String,
    weeks: Vec<Vec<Day>>,
    weekdays: Vec<&'static str>,
    prev: String,
    next: String,
    judges: Vec<(String, String)>,
    rooms: Vec<String>,
    judge: String,
    room: String,
    date: String,
    total: usize,
    clashes: usize,
}

pub async fn calendar<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<CalendarQuery>,
) -> Result<Response, PageError> {
    let a = &user.account;
    let p = a.principal();
    if !p.may_view_court(&a.court) {
        return Err(WebError::NotFound.into());
    }
    let lang = user.lang;
    let month_view = match q.view.as_deref() {
        None | Some("week") => false,
        Some("month") => true,
        Some(other) => {
            return Err(WebError::BadRequest(format!("参数 view 无效：{other}（应为 week 或 month）")).into());
        }
    };
    let date = q.date.unwrap_or_else(|| web.today());
    let judge = q.judge.filter(|j| !j.is_empty());
    let room = q.room.filter(|r| !r.trim().is_empty()).map(|r| r.trim().to_owned());
    let monday = |d: NaiveDate| d - Days::new(u64::from(d.weekday().num_days_from_monday()));
    let (first, last, shown_month) = if month_view {
        let start = date.with_day(1).unwrap_or(date);
        let end = start.checked_add_months(Months::new(1)).map_or(start, |n| n - Days::new(1));
        (monday(start), monday(end) + Days::new(6), Some(start.month()))
    } else {
        (monday(date), monday(date) + Days::new(6), None)
    };
    let store = web.docket.store();
    let rows = store
        .hearings_between(&[a.court.to_string()], first, last)
        .await
        .map_err(docket_app::AppError::from)?
        .into_iter()
        .filter(|r| web.readable(&p, r))
        .collect::<Vec<_>>();
    // Clashes are counted over all the court's readable hearings, before the filters: a judge's
    // view still shows that the room is taken by someone else's hearing that day.
    let mut by_room: HashMap<(NaiveDate, &str), usize> = HashMap::new();
    let mut by_judge: HashMap<(NaiveDate, &str), usize> = HashMap::new();
    for r in &rows {
        if let Some(d) = r.next_hearing {
            if let Some(room) = r.next_room.as_deref() {
                *by_room.entry((d, room)).or_default() += 1;
            }
            if let Some(j) = r.judge.as_deref() {
                *by_judge.entry((d, j)).or_default() += 1;
            }
        }
    }
    let rooms: BTreeSet<String> = rows.iter().filter_map(|r| r.next_room.clone()).collect();
    let mut days: Vec<Day> = Vec::new();
    let mut d = first;
    while d <= last {
        days.push(Day { date: d, other: shown_month.is_some_and(|m| d.month() != m), slots: vec![] });
        d = d + Days::new(1);
    }
    let mut total = 0;
    let mut clashes = 0;
    for r in &rows {
        let Some(on) = r.next_hearing else { continue };
        if judge.as_ref().is_some_and(|j| r.judge.as_ref() != Some(j))
            || room.as_ref().is_some_and(|x| r.next_room.as_ref() != Some(x))
        {
            continue;
        }
        let clash = r.next_room.as_deref().is_some_and(|x| by_room.get(&(on, x)).copied().unwrap_or(0) > 1)
            || r.judge.as_deref().is_some_and(|j| by_judge.get(&(on, j)).copied().unwrap_or(0) > 1);
        let index = usize::try_from((on - first).num_days()).unwrap_or(0);
        if let Some(day) = days.get_mut(index) {
            total += 1;
            clashes += usize::from(clash);
            day.slots.push(Slot {
                case_no: r.case_no.to_string(),
                href: href(&r.case_no),
                room: r.next_room.clone().unwrap_or_else(|| lang.t("未定法庭").to_owned()),
                judge: r.judge.as_deref().map(|j| web.judge_name(&r.court, j)).unwrap_or_default(),
                cause: r.cause.clone(),
                clash,
            });
        }
    }
    let step = |forward: bool| {
        let d = match (month_view, forward) {
            (true, true) => date.checked_add_months(Months::new(1)),
            (true, false) => date.checked_sub_months(Months::new(1)),
            (false, true) => date.checked_add_days(Days::new(7)),
            (false, false) => date.checked_sub_days(Days::new(7)),
        }
        .unwrap_or(date);
        let mut s = format!("/calendar?view={}&date={d}", if month_view { "month" } else { "week" });
        if let Some(j) = &judge {
            s.push_str(&format!("&judge={}", percent_encode(j)));
        }
        if let Some(r) = &room {
            s.push_str(&format!("&room={}", percent_encode(r)));
        }
        s
    };
    let title = match (month_view, lang.is_en()) {
        (true, false) => format!("{} 年 {} 月开庭日历", date.year(), date.month()),
        (true, true) => format!("Hearings, {}", date.format("%B %Y")),
        (false, false) => format!("{first} 至 {last} 开庭排期"),
        (false, true) => format!("Hearings, {first} to {last}"),
    };
    let weekdays = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun]
        .map(|w| lang.t(weekday_name(w)))
        .to_vec();
    render(&CalendarPage {
        nav: Nav::load(&web, &user, "calendar").await?,
        month_view,
        title,
        weeks: days.chunks(7).map(<[Day]>::to_vec).collect(),
        weekdays,
        prev: step(false),
        next: step(true),
        judges: web.judge_choices(&a.court),
        rooms: rooms.into_iter().collect(),
        judge: judge.unwrap_or_default(),
        room: room.unwrap_or_default(),
        date: date.to_string(),
        total,
        clashes,
    })
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}
