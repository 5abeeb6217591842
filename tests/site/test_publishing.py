"""Publishing: the workflow, and what a hosted site under a sub-path needs."""

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from ..conftest import PROJECT
from ..pages import nav_urls

WORKFLOW = PROJECT / ".github/workflows/publish.yml"
SITE_URL = "http://127.0.0.1:8000/kmeans-in-practice/"  # mkdocs.yml default
PINNED = re.compile(r"^[\w-]+/[\w-]+@[0-9a-f]{40}$")


def check_workflow(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(path),
        ],
        capture_output=True,
        text=True,
    )


def test_the_workflow_matches_githubs_schema():
    checked = check_workflow(WORKFLOW)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_broken_workflow_is_rejected(tmp_path):
    broken = tmp_path / "broken.yml"
    text = WORKFLOW.read_text().replace("runs-on:", "run-on:", 1)
    broken.write_text(text)
    assert check_workflow(broken).returncode != 0


def workflow() -> dict:
    return yaml.load(WORKFLOW.read_text(), yaml.BaseLoader)


def test_every_action_is_pinned_to_a_commit():
    steps = [s for job in workflow()["jobs"].values() for s in job["steps"]]
    actions = [step["uses"] for step in steps if "uses" in step]
    assert len(actions) == 5
    for action in actions:
        assert PINNED.match(action), action


def test_permissions_are_the_least_each_job_needs():
    document = workflow()
    assert document["permissions"] == {}
    jobs = document["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {
        "pages": "write",
        "id-token": "write",
    }


def test_the_workflow_tests_builds_and_deploys_main():
    document = workflow()
    assert document["on"]["push"]["branches"] == ["main"]
    build = document["jobs"]["build"]["steps"]
    runs = [step.get("run") for step in build]
    assert runs.index("make test") < runs.index("make build")
    upload = [s for s in build if "upload-pages-artifact" in s.get("uses", "")]
    assert upload[0]["with"]["path"] == "site"
    deploy = document["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "deploy-pages" in deploy["steps"][0]["uses"]


def test_the_published_site_names_its_repository():
    """The header's repository link and the home page's ``git clone``."""
    env = workflow()["jobs"]["build"]["env"]
    assert env["REPO_URL"] == (
        "${{ github.server_url }}/${{ github.repository }}"
    )
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "repo_url: !ENV [REPO_URL, null]" in config


@pytest.mark.parametrize("url", nav_urls())
def test_each_page_has_a_description_and_a_canonical_link(site, url):
    page = (site / url / "index.html").read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]+)"', page)
    assert description, url
    assert "{{" not in description[1]
    assert 20 < len(description[1]) <= 160
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page)
    assert canonical[1] == SITE_URL + url


def test_lesson_pages_have_descriptions_of_their_own(site):
    descriptions = set()
    for url in nav_urls():
        page = (site / url / "index.html").read_text(encoding="utf-8")
        descriptions.add(re.search(r'name="description" content="([^"]+)"', page)[1])
    assert len(descriptions) == len(nav_urls())


def test_the_sitemap_lists_every_page(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    assert listed == {SITE_URL + url for url in nav_urls()}


def test_the_404_page_leads_back_under_the_sub_path(site):
    page = (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in page
    prefix = urlsplit(SITE_URL).path
    links = re.findall(r'<li><a href="([^"]+)"', page)
    assert prefix in links  # home
    assert f"{prefix}digits/loading_and_fitting/" in links
    assert f'href="{prefix}assets/favicon.svg"' in page


def test_every_page_has_the_favicon(site):
    for url in nav_urls():
        page = (site / url / "index.html").read_text(encoding="utf-8")
        assert re.search(r'rel="icon" href="[./]*assets/favicon.svg"', page)
