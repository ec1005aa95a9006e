//! What a drop checks before its DELETE, in order: the client's protection
//! by ID (before any request), then one describe, then the protection by
//! name, then the caller's `expectName`. A guard that cannot be checked (a
//! failed describe) stops the drop: the caller passes that error on. Every
//! text from elsewhere in a refusal (a name, a pattern) is cleaned of the key
//! as it is quoted; the cluster ID passed `validate_cluster_id`.

use super::cluster::check_cluster_name;
use super::error::ZillizError;
use super::protect::Protection;
use super::validate::{validate_cluster_id, validate_expect_name};

/// The checks of one drop.
#[derive(Clone, Copy, Debug)]
pub struct DropGuard<'a> {
    cluster_id: &'a str,
    protection: &'a Protection,
    expect_name: Option<&'a str>,
}

impl<'a> DropGuard<'a> {
    /// Checks the drop's input, and its ID against the protection: a
    /// protected ID is refused with no request at all.
    pub fn new(
        cluster_id: &'a str,
        protection: &'a Protection,
        expect_name: Option<&'a str>,
        secret: &str,
    ) -> Result<DropGuard<'a>, ZillizError> {
        validate_cluster_id(cluster_id)?;
        validate_expect_name(expect_name)?;
        if let Some(pattern) = protection.matching(None, Some(cluster_id)) {
            return Err(Protection::refusal(cluster_id, None, pattern, secret));
        }
        Ok(DropGuard {
            cluster_id,
            protection,
            expect_name,
        })
    }

    /// Whether the DELETE must wait for a describe of the cluster.
    pub fn needs_describe(&self) -> bool {
        self.expect_name.is_some() || !self.protection.is_empty()
    }

    /// Decides on the describe's `clusterName`: protection first (a protected
    /// cluster is refused whatever its name), then the expected name.
    pub fn after_describe(&self, name: Option<&str>, secret: &str) -> Result<(), ZillizError> {
        if let Some(pattern) = self.protection.matching(name, Some(self.cluster_id)) {
            return Err(Protection::refusal(self.cluster_id, name, pattern, secret));
        }
        match self.expect_name {
            Some(expected) => check_cluster_name(self.cluster_id, expected, name, secret),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::ErrorKind;

    const KEY: &str = "sk-guard-test-key";

    fn protect(patterns: &[&str]) -> Protection {
        let owned: Vec<String> = patterns.iter().map(|p| (*p).to_owned()).collect();
        Protection::new(&owned).unwrap()
    }

    #[test]
    fn a_protected_id_is_refused_before_any_request() {
        let p = protect(&["in01-*"]);
        let e = DropGuard::new("in01-abc", &p, Some("prod"), KEY).unwrap_err();
        assert_eq!((e.kind(), e.attempts()), (ErrorKind::Protected, 0));
        assert!(e.message().contains("\"in01-*\""), "{}", e.message());
        let bad = DropGuard::new("a/b", &p, None, KEY).unwrap_err();
        assert_eq!(
            bad.kind(),
            ErrorKind::InvalidInput,
            "a bad ID is bad input first"
        );
        let empty = DropGuard::new("in02-x", &p, Some(""), KEY).unwrap_err();
        assert_eq!(empty.option(), Some("expectName"));
    }

    #[test]
    fn protection_comes_before_the_expected_name() {
        let p = protect(&["prod-*"]);
        let g = DropGuard::new("in02-x", &p, Some("prod-search"), KEY).unwrap();
        assert!(g.needs_describe());
        let e = g.after_describe(Some("prod-search"), KEY).unwrap_err();
        assert_eq!(
            e.kind(),
            ErrorKind::Protected,
            "protected whatever its name"
        );
        let g = DropGuard::new("in02-x", &p, Some("dev-search"), KEY).unwrap();
        assert!(g.after_describe(Some("dev-search"), KEY).is_ok());
        let e = g.after_describe(Some("dev-other"), KEY).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Precondition);
    }

    #[test]
    fn an_unguarded_drop_describes_nothing() {
        let none = Protection::default();
        let g = DropGuard::new("in02-x", &none, None, KEY).unwrap();
        assert!(!g.needs_describe());
        assert!(g.after_describe(None, KEY).is_ok());
        let p = protect(&["prod-*"]);
        let g = DropGuard::new("in02-x", &p, None, KEY).unwrap();
        assert!(g.needs_describe(), "protection needs the name");
        assert!(
            g.after_describe(None, KEY).is_ok(),
            "no name: only the ID counts"
        );
    }

    #[test]
    fn refusals_never_hold_the_key() {
        let p = protect(&["*sk-guard-test-key*"]);
        let g = DropGuard::new("in02-x", &p, None, KEY).unwrap();
        let e = g
            .after_describe(Some("a sk-guard-test-key b"), KEY)
            .unwrap_err();
        assert!(!e.message().contains("guard-te"), "{}", e.message());
    }
}
