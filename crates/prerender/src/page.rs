//! Puts the rendered shells into the page, right after `<body>`.

/// Where the shells go: before the `shell-choice` script that index.html keeps in its body.
const CHOOSER: &str = "<script id=\"shell-choice\">";

/// `page` with one `<template id="shell-LOCALE">` per locale in front of the chooser script.
/// Running the tool twice replaces the earlier templates.
pub fn with_shells(page: &str, shells: &[(&str, String)]) -> Result<String, String> {
    let page = without_shells(page);
    let at = page
        .find(CHOOSER)
        .ok_or("index.html has no <script id=\"shell-choice\"> in its body")?;
    let templates: String = shells
        .iter()
        .map(|(locale, html)| {
            format!("<template id=\"shell-{locale}\" data-prerendered>{html}</template>\n    ")
        })
        .collect();
    Ok(format!("{}{templates}{}", &page[..at], &page[at..]))
}

fn without_shells(page: &str) -> String {
    let mut rest = page;
    let mut out = String::with_capacity(page.len());
    while let Some(start) = rest
        .find(" data-prerendered>")
        .and_then(|at| rest[..at].rfind("<template"))
    {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("</template>")
            .map(|end| start + end + "</template>".len())
            .unwrap_or(rest.len());
        rest = rest[end..].trim_start_matches([' ', '\n']);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<body>\n    <!-- <template id=\"shell-x\"> --><script id=\"shell-choice\">x</script>\n  </body>";

    #[test]
    fn puts_one_template_per_locale_before_the_chooser() {
        let shells = [
            ("en", "<p>Hi</p>".to_string()),
            ("nl", "<p>Hoi</p>".to_string()),
        ];
        let page = with_shells(PAGE, &shells).unwrap();
        let en = page.find("<template id=\"shell-en\" data-prerendered><p>Hi</p></template>");
        let nl = page.find("<template id=\"shell-nl\" data-prerendered><p>Hoi</p></template>");
        let chooser = page.find(CHOOSER).unwrap();
        assert!(en.unwrap() < nl.unwrap() && nl.unwrap() < chooser, "{page}");
    }

    #[test]
    fn a_second_run_replaces_the_templates() {
        let first = with_shells(PAGE, &[("en", "<p>old</p>".to_string())]).unwrap();
        let second = with_shells(&first, &[("en", "<p>new</p>".to_string())]).unwrap();
        assert!(
            !second.contains("old") && second.matches(" data-prerendered>").count() == 1,
            "{second}"
        );
    }

    #[test]
    fn refuses_a_page_without_the_chooser() {
        assert!(with_shells("<body></body>", &[]).is_err());
    }
}
