//! The checklist editor's strings (`/checklists`), both languages side by side; kept apart
//! from [`super::Key`] so the patrol pages and the editor grow without touching one list.

use super::{pick, Lang};
use shared::patrol::{Covers, ItemType, Purpose};

words! {
    /// A string of the checklist editor.
    Ck;
    Title => "检查表", "Checklists";
    Intro => "修改先进入草稿；发布后，新开始的巡查与品质检查使用新版本，进行中的沿用原版本。",
        "Changes go into the draft; once published, new patrols and quality checks use it, rounds under way keep their version.";
    Template => "检查表", "Checklist";
    Published => "已发布版本", "Published version";
    Draft => "草稿版本", "Draft version";
    Pending => "有未发布的修改", "Unpublished changes";
    NoPending => "草稿与已发布版本相同", "The draft is the published version";
    Publish => "发布", "Publish";
    PublishedNow => "已发布", "Published";
    AddItem => "添加检查项", "Add item";
    AddSection => "添加分区", "Add section";
    Edit => "修改", "Edit";
    Remove => "移除", "Remove";
    Cancel => "取消", "Cancel";
    Save => "保存", "Save";
    TextZh => "检查项（中文）", "Item (Chinese)";
    TextEn => "检查项（英文）", "Item (English)";
    SectionZh => "分区名称（中文）", "Section (Chinese)";
    SectionEn => "分区名称（英文）", "Section (English)";
    Type => "类型", "Type";
    Min => "下限", "Minimum";
    Max => "上限", "Maximum";
    PhotoOnFail => "不合格须拍照", "Photo required on fail";
    Topic => "整改类别", "Finding goes to";
    Problem => "问题", "Problem";
    Options => "选项", "Options";
    OptionZh => "选项（中文）", "Option (Chinese)";
    OptionEn => "选项（英文）", "Option (English)";
    OptionFails => "选中即不合格", "Fails";
    AddOption => "添加选项", "Add option";
    NoText => "请填写检查项", "Enter the item's text";
    BadRange => "上下限须为数字，且下限不大于上限", "Minimum and maximum must be numbers, minimum not above maximum";
    TooFewOptions => "单选项至少需要两个选项", "A single-choice item needs at least two options";
    SectionNameRequired => "请填写分区名称", "Enter the section's name";
    Covers => "范围", "Covers";
    Empty => "本分区暂无检查项", "No items in this section yet";
}

/// How an item is answered.
pub fn item_type_label(t: ItemType, lang: Lang) -> &'static str {
    let (zh, en) = match t {
        ItemType::PassFail => ("合格 / 不合格", "Pass / fail"),
        ItemType::Number => ("读数", "Reading"),
        ItemType::Text => ("文字", "Text"),
        ItemType::Choice => ("单选", "Single choice"),
    };
    pick(lang, zh, en)
}

/// What a section covers.
pub fn covers_label(c: Covers, lang: Lang) -> &'static str {
    let (zh, en) = match c {
        Covers::Common => ("公共区域", "Common areas"),
        Covers::Renovation => ("装修现场", "Renovation sites"),
        Covers::Vacant => ("空置房", "Vacant units"),
        Covers::Service => ("服务品质", "Service quality"),
    };
    pick(lang, zh, en)
}

/// What a checklist is for.
pub fn purpose_label(p: Purpose, lang: Lang) -> &'static str {
    let (zh, en) = match p {
        Purpose::Patrol => ("日常巡查", "Daily patrol"),
        Purpose::Quality => ("品质检查", "Quality check"),
    };
    pick(lang, zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_checklist_string_has_both_languages() {
        for k in Ck::ALL {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!k.text(lang).trim().is_empty(), "{k:?} in {lang:?}");
            }
        }
        assert_ne!(Ck::Publish.text(Lang::Zh), Ck::Publish.text(Lang::En));
    }
}
