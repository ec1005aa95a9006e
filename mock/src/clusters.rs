//! The project's clusters as records whose status changes over time, as the
//! real control plane's do: a drop leaves a cluster `DELETING` for a while,
//! then gone (not found) or `DELETED`; suspend goes `SUSPENDING` then
//! `SUSPENDED`; resume `RESUMING` then `RUNNING`. Transitions are settled
//! lazily, whenever the clusters are read, against the clock.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// What a cluster becomes once a drop has run its course.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DroppedAs {
    /// Describe answers not found (code 96018).
    #[default]
    NotFound,
    /// Describe answers the cluster with status `DELETED`.
    Deleted,
}

/// How long transitions take.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Timing {
    /// `DELETING` lasts this long after a drop (0: the drop's end is seen at once).
    pub deleting_ms: u64,
    /// `SUSPENDING` and `RESUMING` last this long.
    pub transition_ms: u64,
    /// What a dropped cluster becomes.
    pub dropped_as: DroppedAs,
}

/// One cluster, as posted to `/__mock/clusters` and shown by Describe.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Record {
    pub cluster_id: String,
    #[serde(default)]
    pub cluster_name: String,
    #[serde(default = "default_plan")]
    pub plan: String,
    #[serde(default = "default_status")]
    pub status: String,
    #[serde(default = "default_region")]
    pub region_id: String,
    #[serde(default = "default_created")]
    pub create_time: String,
    #[serde(default)]
    pub cu_type: String,
    #[serde(default)]
    pub cu_size: u32,
    #[serde(default)]
    pub description: String,
}

fn default_plan() -> String {
    "Standard".into()
}
fn default_status() -> String {
    "RUNNING".into()
}
fn default_region() -> String {
    "aws-us-west-2".into()
}
fn default_created() -> String {
    "2026-09-14T08:21:07Z".into()
}

/// The project every cluster of the mock belongs to.
const PROJECT_ID: &str = "proj-4f1c0e9a8d7b6c5e4f3a21";

impl Record {
    /// The fixture's record for a known ID, else a Standard cluster named after its ID.
    pub fn seeded(id: &str) -> Record {
        let (name, plan, region, cu_type, cu_size, created) = match id {
            "in01-6183d6bac30f801" => (
                "prod-search",
                "Standard",
                "aws-us-west-2",
                "Performance-optimized",
                2,
                "2026-09-14T08:21:07Z",
            ),
            "in01-0123456789abcde" => (
                "analytics-eu",
                "Enterprise",
                "aws-eu-central-1",
                "Capacity-optimized",
                4,
                "2026-10-02T17:45:12Z",
            ),
            "in02-fedcba987654321" => (
                "preview-pr-412",
                "Serverless",
                "gcp-us-west1",
                "",
                0,
                "2026-11-28T09:03:55Z",
            ),
            // A Free cluster, described with plan Serverless as the real service does.
            "in03-aaaaaaaaaaaaaaa" => (
                "free-sandbox",
                "Serverless",
                "gcp-us-west1",
                "",
                0,
                "2026-11-30T21:10:00Z",
            ),
            _ => (
                "",
                "Standard",
                "aws-us-west-2",
                "Performance-optimized",
                1,
                "2026-09-14T08:21:07Z",
            ),
        };
        Record {
            cluster_id: id.to_string(),
            cluster_name: if name.is_empty() {
                format!("cluster-{id}")
            } else {
                name.to_string()
            },
            plan: plan.into(),
            status: "RUNNING".into(),
            region_id: region.into(),
            create_time: created.into(),
            cu_type: cu_type.into(),
            cu_size,
            description: String::new(),
        }
    }

    /// `count` clusters `gen-00001` … with IDs `in05-…`, plans in turn.
    pub fn generated(count: u32) -> Vec<Record> {
        const PLANS: [&str; 4] = ["Standard", "Serverless", "Free", "Enterprise"];
        (1..=count)
            .map(|n| {
                let plan = PLANS
                    .get(n as usize % PLANS.len())
                    .copied()
                    .unwrap_or("Standard");
                let mut r = Record::seeded(&format!("in05-{n:015x}"));
                r.cluster_name = format!("gen-{n:05}");
                r.plan = plan.into();
                r
            })
            .collect()
    }

    fn to_json(&self, describe: bool) -> Value {
        let mut v = json!({
            "clusterId": self.cluster_id,
            "clusterName": self.cluster_name,
            "projectId": PROJECT_ID,
            "description": self.description,
            "regionId": self.region_id,
            "cuType": self.cu_type,
            "plan": self.plan,
            "status": self.status,
            "connectAddress": format!("https://{}.{}.vectordb.zillizcloud.com:19530", self.cluster_id, self.region_id),
            "privateLinkAddress": "",
            "createTime": self.create_time,
            "cuSize": self.cu_size,
        });
        if describe {
            if let Some(o) = v.as_object_mut() {
                o.insert("storageSize".into(), json!(0));
                o.insert("snapshotNumber".into(), json!(0));
                o.insert("createProgress".into(), json!(100));
            }
        }
        v
    }
}

/// Why a request about a cluster is refused: the real API's codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// 96018: no such cluster (or it is being dropped, or was).
    NotFound,
    /// 96021 (Free) or 96022 (Serverless): not supported on this plan.
    NotSupported(i64, &'static str),
    /// 80000: the cluster's status does not allow it (the mock's choice of code).
    WrongStatus(String),
}

struct Pending {
    at: Instant,
    /// `None`: gone.
    then: Option<&'static str>,
}

struct Entry {
    record: Record,
    pending: Option<Pending>,
}

/// Every cluster of the project, by ID.
#[derive(Default)]
pub struct Fleet {
    clusters: BTreeMap<String, Entry>,
}

impl Fleet {
    pub fn new(records: Vec<Record>) -> Fleet {
        let mut fleet = Fleet::default();
        fleet.upsert(records);
        fleet
    }

    /// Adds or replaces clusters (a replaced one keeps no pending transition).
    pub fn upsert(&mut self, records: Vec<Record>) {
        for record in records {
            self.clusters.insert(
                record.cluster_id.clone(),
                Entry {
                    record,
                    pending: None,
                },
            );
        }
    }

    /// Adds the fixture's records of IDs not held yet.
    pub fn add_ids(&mut self, ids: Vec<String>) {
        for id in ids {
            self.clusters.entry(id.clone()).or_insert_with(|| Entry {
                record: Record::seeded(&id),
                pending: None,
            });
        }
    }

    /// Applies every transition due by `now`.
    fn settle(&mut self, now: Instant) {
        let mut gone = Vec::new();
        for (id, entry) in self.clusters.iter_mut() {
            match entry.pending.take() {
                Some(p) if p.at <= now => match p.then {
                    Some(status) => entry.record.status = status.into(),
                    None => gone.push(id.clone()),
                },
                other => entry.pending = other,
            }
        }
        for id in gone {
            self.clusters.remove(&id);
        }
    }

    /// IDs of the clusters that exist (sorted).
    pub fn ids(&mut self, now: Instant) -> Vec<String> {
        self.settle(now);
        self.clusters.keys().cloned().collect()
    }

    /// Describe's `data`.
    pub fn describe(&mut self, id: &str, now: Instant) -> Option<Value> {
        self.settle(now);
        self.clusters.get(id).map(|e| e.record.to_json(true))
    }

    /// List's `data`: a page of the clusters that are not `DELETED`, by ID.
    pub fn list(&mut self, page_size: usize, current_page: usize, now: Instant) -> Value {
        self.settle(now);
        let listed: Vec<&Record> = self
            .clusters
            .values()
            .map(|e| &e.record)
            .filter(|r| r.status != "DELETED")
            .collect();
        let page: Vec<Value> = listed
            .iter()
            .skip(page_size.saturating_mul(current_page.saturating_sub(1)))
            .take(page_size)
            .map(|r| r.to_json(false))
            .collect();
        json!({ "count": listed.len(), "currentPage": current_page, "pageSize": page_size, "clusters": page })
    }

    /// Starts a drop: `DELETING`, then gone or `DELETED` after `timing.deleting_ms`.
    pub fn drop_cluster(&mut self, id: &str, timing: Timing, now: Instant) -> Result<(), Refusal> {
        self.settle(now);
        let entry = self.live(id)?;
        let then = match timing.dropped_as {
            DroppedAs::NotFound => None,
            DroppedAs::Deleted => Some("DELETED"),
        };
        entry.record.status = "DELETING".into();
        entry.pending = Some(Pending {
            at: now + Duration::from_millis(timing.deleting_ms),
            then,
        });
        self.settle(now);
        Ok(())
    }

    /// Starts a suspend (`RUNNING` Dedicated clusters only) or a resume (`SUSPENDED` ones).
    pub fn change(
        &mut self,
        id: &str,
        suspend: bool,
        timing: Timing,
        now: Instant,
    ) -> Result<(), Refusal> {
        self.settle(now);
        let entry = self.live(id)?;
        match entry.record.plan.as_str() {
            "Free" => return Err(Refusal::NotSupported(96021, "Free")),
            "Serverless" => return Err(Refusal::NotSupported(96022, "Serverless")),
            _ => {}
        }
        let (from, during, to) = if suspend {
            ("RUNNING", "SUSPENDING", "SUSPENDED")
        } else {
            ("SUSPENDED", "RESUMING", "RUNNING")
        };
        if entry.record.status != from {
            return Err(Refusal::WrongStatus(entry.record.status.clone()));
        }
        entry.record.status = during.into();
        entry.pending = Some(Pending {
            at: now + Duration::from_millis(timing.transition_ms),
            then: Some(to),
        });
        self.settle(now);
        Ok(())
    }

    /// A cluster that can be acted on: not being dropped, nor dropped.
    fn live(&mut self, id: &str) -> Result<&mut Entry, Refusal> {
        match self.clusters.get_mut(id) {
            Some(e) if e.record.status != "DELETING" && e.record.status != "DELETED" => Ok(e),
            _ => Err(Refusal::NotFound),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn fleet() -> Fleet {
        let mut f = Fleet::default();
        f.add_ids(vec![
            "in01-6183d6bac30f801".into(),
            "in03-aaaaaaaaaaaaaaa".into(),
        ]);
        f
    }

    fn status(f: &mut Fleet, id: &str, now: Instant) -> Option<String> {
        f.describe(id, now)
            .map(|d| d["status"].as_str().unwrap().to_string())
    }

    #[test]
    fn a_drop_is_deleting_then_gone_or_deleted() {
        let t0 = Instant::now();
        let id = "in01-6183d6bac30f801";
        for (dropped_as, end) in [
            (DroppedAs::NotFound, None),
            (DroppedAs::Deleted, Some("DELETED".to_string())),
        ] {
            let mut f = fleet();
            let timing = Timing {
                deleting_ms: 100,
                transition_ms: 0,
                dropped_as,
            };
            f.drop_cluster(id, timing, t0).unwrap();
            assert_eq!(status(&mut f, id, t0).as_deref(), Some("DELETING"));
            assert_eq!(
                f.drop_cluster(id, timing, t0),
                Err(Refusal::NotFound),
                "a second drop"
            );
            assert_eq!(status(&mut f, id, t0 + Duration::from_millis(100)), end);
        }
        let mut f = fleet();
        f.drop_cluster(id, Timing::default(), t0).unwrap();
        assert_eq!(f.describe(id, t0), None, "0 ms: gone at once");
    }

    #[test]
    fn suspend_and_resume_go_through_their_statuses() {
        let t0 = Instant::now();
        let id = "in01-6183d6bac30f801";
        let mut f = fleet();
        let timing = Timing {
            deleting_ms: 0,
            transition_ms: 50,
            dropped_as: DroppedAs::NotFound,
        };
        f.change(id, true, timing, t0).unwrap();
        assert_eq!(status(&mut f, id, t0).as_deref(), Some("SUSPENDING"));
        let t1 = t0 + Duration::from_millis(50);
        assert_eq!(status(&mut f, id, t1).as_deref(), Some("SUSPENDED"));
        assert!(matches!(
            f.change(id, true, timing, t1),
            Err(Refusal::WrongStatus(_))
        ));
        f.change(id, false, timing, t1).unwrap();
        assert_eq!(status(&mut f, id, t1).as_deref(), Some("RESUMING"));
        assert_eq!(
            status(&mut f, id, t1 + Duration::from_millis(50)).as_deref(),
            Some("RUNNING")
        );
        let free = "in03-aaaaaaaaaaaaaaa";
        assert_eq!(
            f.describe(free, t1).unwrap()["plan"],
            "Serverless",
            "a Free cluster described as Serverless"
        );
        assert_eq!(
            f.change(free, true, timing, t1),
            Err(Refusal::NotSupported(96022, "Serverless"))
        );
    }

    #[test]
    fn lists_in_pages() {
        let now = Instant::now();
        let mut f = Fleet::new(Record::generated(25));
        let page = f.list(10, 3, now);
        assert_eq!(page["count"], 25);
        assert_eq!(page["clusters"].as_array().unwrap().len(), 5);
        assert_eq!(page["clusters"][0]["clusterName"], "gen-00021");
        assert_eq!(f.list(10, 4, now)["clusters"].as_array().unwrap().len(), 0);
    }
}
