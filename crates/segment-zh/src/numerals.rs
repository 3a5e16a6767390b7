//! Chinese numerals (`六十三` → 63, `两` → 2).

fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Value of a Chinese numeral up to the thousands, or `None` when `s` is not one.
///
/// Two neighbouring digits are an approximate number, not a value: `三两个` "two or
/// three", `十七八个` "seventeen or eighteen", `三四十` "thirty or forty". Only a
/// numeral of three or more digits without multipliers reads digit by digit, as a
/// year does (`一九九五`, `二〇二三`). Multipliers must fall (`千` before `百` before
/// `十`), or the characters are no numeral (`千千万万`).
pub fn chinese_numeral_value(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let has_unit = s.contains(['十', '百', '千']);
    let nonzero = |c: char| digit(c).is_some_and(|d| d > 0);
    let adjacent_digits = s
        .chars()
        .zip(s.chars().skip(1))
        .any(|(a, b)| nonzero(a) && nonzero(b));
    if adjacent_digits && (has_unit || s.chars().count() < 3) {
        return None;
    }
    let mut total = 0;
    let mut pending: Option<u64> = None;
    let mut last_unit = u64::MAX;
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                pending = Some(pending.unwrap_or(0) * 10 + digit(c)?);
                continue;
            }
        };
        // Only a leading multiplier may stand without its digit (`十二`, `百`):
        // `千百万` "millions" is no numeral.
        if unit >= last_unit || (pending.is_none() && last_unit != u64::MAX) {
            return None;
        }
        last_unit = unit;
        // `十二` starts with an implied one.
        total += pending.take().unwrap_or(1) * unit;
    }
    Some(total + pending.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(chinese_numeral_value("六十三"), Some(63));
        assert_eq!(chinese_numeral_value("十"), Some(10));
        assert_eq!(chinese_numeral_value("十二"), Some(12));
        assert_eq!(chinese_numeral_value("七十七"), Some(77));
        assert_eq!(chinese_numeral_value("一百二十"), Some(120));
        assert_eq!(chinese_numeral_value("两"), Some(2));
        assert_eq!(chinese_numeral_value("四"), Some(4));
        assert_eq!(chinese_numeral_value("委"), None);
        assert_eq!(chinese_numeral_value("一百零五"), Some(105));
        assert_eq!(chinese_numeral_value("一九九五"), Some(1995));
        assert_eq!(chinese_numeral_value("二〇二三"), Some(2023));
    }

    #[test]
    fn approximate_numbers_have_no_value() {
        for s in ["三两", "七八", "十七八", "三四十", "三二十", "千千", "千百"] {
            assert_eq!(chinese_numeral_value(s), None, "{s}");
        }
    }
}
