//! What the core knows of a cluster beyond its endpoints: which plans the
//! recycle bin keeps, and the guarded drop's name check.

use super::error::{ErrorKind, ZillizError};
use super::text::quoted;

/// Whether a drop of a cluster of this plan can be undone from the recycle
/// bin: Dedicated plans only. A Free cluster has been seen described with
/// plan `Serverless`, so nothing may rest on `plan == "Free"`: every plan but
/// these two, known or not, is gone for good.
pub fn kept_in_recycle_bin(plan: &str) -> bool {
    matches!(plan, "Standard" | "Enterprise")
}

/// The guarded drop: `Ok` only when the described cluster's name is exactly
/// `expected`; otherwise kind `precondition`, both names in the message
/// (cleaned of `secret` and cut), and nothing more is sent.
pub fn check_cluster_name(
    cluster_id: &str,
    expected: &str,
    described: Option<&str>,
    secret: &str,
) -> Result<(), ZillizError> {
    if described == Some(expected) {
        return Ok(());
    }
    let mut m = String::from("cluster ");
    m.push_str(cluster_id);
    match described {
        Some(name) => {
            m.push_str(" is named ");
            m.push_str(&quoted(name, secret));
        }
        None => m.push_str(" has no name in its description"),
    }
    m.push_str(", not ");
    m.push_str(&quoted(expected, secret));
    m.push_str(" as expected: it was not dropped");
    Err(ZillizError::new(ErrorKind::Precondition, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dedicated_plans_are_kept() {
        for plan in ["Standard", "Enterprise"] {
            assert!(kept_in_recycle_bin(plan), "{plan}");
        }
        for plan in [
            "Free",
            "Serverless",
            "standard",
            "ENTERPRISE",
            "",
            "Dedicated",
            "Standard ",
        ] {
            assert!(!kept_in_recycle_bin(plan), "{plan}");
        }
    }

    #[test]
    fn the_name_must_match_exactly() {
        assert!(check_cluster_name("c", "prod-east", Some("prod-east"), "").is_ok());
        for other in [
            Some("prod-west"),
            Some("Prod-east"),
            Some("prod-east "),
            None,
        ] {
            let e = check_cluster_name("in01-x", "prod-east", other, "").unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Precondition);
            assert!(!e.retryable());
            assert!(e.message().contains("\"prod-east\""), "{}", e.message());
            assert!(e.message().contains("in01-x"), "{}", e.message());
            if let Some(name) = other {
                assert!(
                    e.message().contains(&format!("\"{}\"", name.trim())),
                    "{}",
                    e.message()
                );
            }
        }
    }

    #[test]
    fn names_are_cleaned_of_the_key() {
        let key = "sk-guard-secret-0123";
        let e =
            check_cluster_name("c", "prod", Some("echo sk-guard-secret-0123"), key).unwrap_err();
        assert!(!e.message().contains("guard-se"), "{}", e.message());
        assert!(e.message().contains("[redacted]"), "{}", e.message());
    }
}
