//! Walking the list page by page (the JS API's `clusters()`): which page
//! comes next, or none. Every page's request goes through the one pipeline.

use super::endpoint::Target;
use super::response::PageInfo;
use super::validate::MAX_PAGE_NUMBER;

/// The page to ask for after `page`, the answer to `asked`; `None` after the
/// last: an empty page, a page shorter than the page size, `count` reached
/// (the object form only: a bare array does not say the total), or page
/// 1,000, so that a server whose pages never end cannot hold a caller forever.
pub fn next_page(asked: &Target, page: &PageInfo) -> Option<u32> {
    let current = asked.current_page.unwrap_or(1);
    let size = asked.page_size.unwrap_or(page.page_size);
    let position = u64::from(current - 1)
        .saturating_mul(u64::from(size))
        .saturating_add(u64::from(page.len));
    let last = page.len == 0
        || page.len < size
        || (!page.bare && position >= page.count)
        || current >= MAX_PAGE_NUMBER;
    (!last).then_some(current + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(size: Option<u32>, current: Option<u32>) -> Target {
        Target {
            page_size: size,
            current_page: current,
            ..Target::default()
        }
    }

    fn page(count: u64, current_page: u32, page_size: u32, len: u32) -> PageInfo {
        PageInfo {
            count,
            current_page,
            page_size,
            len,
            bare: false,
        }
    }

    /// Pages a walk asks for over `total` clusters at `size` a page, against a server that
    /// answers as the documentation says.
    fn walk(total: u64, size: u32) -> Vec<u32> {
        let mut asked_pages = vec![];
        let mut current = Some(1);
        while let Some(n) = current {
            asked_pages.push(n);
            let start = u64::from(n - 1) * u64::from(size);
            let len = total.saturating_sub(start).min(u64::from(size)) as u32;
            current = next_page(&asked(Some(size), Some(n)), &page(total, n, size, len));
        }
        asked_pages
    }

    #[test]
    fn stops_after_the_last_page() {
        assert_eq!(walk(0, 10), [1], "an empty list is one empty page");
        assert_eq!(walk(1, 10), [1]);
        assert_eq!(walk(10, 10), [1], "count reached on a full page");
        assert_eq!(walk(11, 10), [1, 2]);
        assert_eq!(walk(2500, 100).len(), 25);
        assert_eq!(walk(2500, 1000), [1, 2, 3]);
    }

    #[test]
    fn a_short_or_empty_page_ends_even_when_count_says_more() {
        assert_eq!(
            next_page(&asked(Some(10), None), &page(100, 1, 10, 9)),
            None
        );
        assert_eq!(
            next_page(&asked(Some(10), Some(4)), &page(100, 4, 10, 0)),
            None
        );
        assert_eq!(
            next_page(&asked(Some(10), Some(4)), &page(100, 4, 10, 10)),
            Some(5)
        );
    }

    #[test]
    fn without_a_page_size_the_servers_is_used() {
        assert_eq!(next_page(&asked(None, None), &page(25, 1, 10, 10)), Some(2));
        assert_eq!(next_page(&asked(None, Some(3)), &page(25, 3, 10, 5)), None);
    }

    #[test]
    fn a_bare_array_ends_only_on_a_short_or_empty_page() {
        let bare = |len| PageInfo {
            count: u64::from(len),
            current_page: 2,
            page_size: 5,
            len,
            bare: true,
        };
        assert_eq!(next_page(&asked(Some(5), Some(2)), &bare(5)), Some(3));
        assert_eq!(next_page(&asked(Some(5), Some(2)), &bare(4)), None);
    }

    #[test]
    fn a_server_whose_pages_never_end_is_left_at_page_1000() {
        let endless = |n| page(u64::MAX, n, 10, 10);
        assert_eq!(
            next_page(&asked(Some(10), Some(999)), &endless(999)),
            Some(1000)
        );
        assert_eq!(
            next_page(&asked(Some(10), Some(1000)), &endless(1000)),
            None
        );
    }
}
