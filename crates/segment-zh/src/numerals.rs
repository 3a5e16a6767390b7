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
pub fn chinese_numeral_value(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut total = 0;
    let mut pending: Option<u64> = None;
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
    }
}
