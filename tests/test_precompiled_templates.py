"""The shipped memo templates precompiled into the package (engine/documents/precompiled.py).

The committed modules are exactly what Jinja2 compiles from the templates now; the memos
they print are byte-identical to the memos compiled from source; a template that no longer
matches (edited, another Jinja2, other settings) is compiled from its source instead; an
office's templates never use them.
"""

import shutil

import jinja2
import pytest

from jichitai_cloud_advisor.engine.documents import compiled_templates, precompiled, render
from jichitai_cloud_advisor.engine.documents.render import TEMPLATE_NAMES, make_environment, render_memo
from jichitai_cloud_advisor.engine.paths import TEMPLATES_DIR
from jichitai_cloud_advisor.engine.profile.loader import load_profile


@pytest.fixture
def fresh_environments():
    """Memo environments made anew (they keep their loaded templates), before and after the test."""
    render._environment.cache_clear()
    yield
    render._environment.cache_clear()


def _from_compiled_module(template: jinja2.Template) -> bool:
    return "compiled_templates" in template.root_render_func.__code__.co_filename


# The generated code belongs to the Jinja2 release that made it; setup.cfg allows any 3.1+. Under
# another release the memos are compiled from source (correct, only slower), so what must hold
# there is the manifest; the byte comparison needs the release the modules were made with.
SAME_JINJA2 = compiled_templates.JINJA2_VERSION == jinja2.__version__


def test_the_manifest_matches_the_shipped_templates_and_settings_under_any_jinja2():
    """Fails when a shipped memo template (or the memo environment) changes without regenerating."""
    for fmt, root in precompiled.ROOT_TEMPLATES.items():
        env = precompiled.source_environment(fmt)
        assert compiled_templates.SETTINGS[fmt] == precompiled.settings_key(env), f"run `{precompiled.GENERATOR}`"
        entries = compiled_templates.TEMPLATES[fmt]
        assert sorted(entries) == precompiled._templates_used(env, root), f"run `{precompiled.GENERATOR}`"
        for name, (module, digest) in entries.items():
            assert digest == precompiled.digest_of((TEMPLATES_DIR / name).read_bytes()), \
                f"{name} changed: run `{precompiled.GENERATOR}`"
            assert module == precompiled.module_name(fmt, name)


needs_their_jinja2 = pytest.mark.skipif(
    not SAME_JINJA2, reason=f"modules made by Jinja2 {compiled_templates.JINJA2_VERSION}, this is "
                            f"{jinja2.__version__}: memos compile from source")


@needs_their_jinja2
def test_the_committed_modules_are_what_jinja2_compiles_from_the_templates_now():
    fresh, on_disk = precompiled.generate(), precompiled.committed()
    assert sorted(fresh) == sorted(on_disk), f"run `{precompiled.GENERATOR}`"
    for name in fresh:
        assert fresh[name] == on_disk[name], f"{name} is stale: run `{precompiled.GENERATOR}`"


def test_every_template_of_both_memos_is_precompiled(fresh_environments):
    # memo.md.j2 imports _common.j2; memo.html.j2 includes its three partials and imports _common.j2.
    expected = {"markdown": {"memo.md.j2", "_common.j2"},
                "html": {"memo.html.j2", "_header.html.j2", "_body.html.j2", "_appendix.html.j2", "_common.j2"}}
    assert {fmt: set(names) for fmt, names in compiled_templates.TEMPLATES.items()} == expected
    for fmt, names in expected.items():
        env = make_environment(fmt)
        for name in names:
            template = env.get_template(name)
            # Precompiled under the Jinja2 that made the modules; compiled from source under another.
            assert _from_compiled_module(template) == SAME_JINJA2, (fmt, name)
            assert template.filename == str(TEMPLATES_DIR / name)


@needs_their_jinja2
def test_memos_are_byte_identical_with_and_without_the_precompiled_templates(advisor, examples, monkeypatch,
                                                                              fresh_environments):
    def memos():
        render._environment.cache_clear()
        texts = {}
        for example in examples:
            advice = advisor.advise(load_profile(str(example), advisor.knowledge))
            for fmt in TEMPLATE_NAMES:
                for lang in ("ja", "en"):
                    texts[example.name, fmt, lang] = render_memo(advice, advisor, lang=lang, fmt=fmt,
                                                                 section_comments=(lang == "en"))
        return texts

    used = set()
    real = precompiled.compiled_code

    def spy(env, fmt, name):
        code = real(env, fmt, name)
        used.add((fmt, name, code is not None))
        return code
    monkeypatch.setattr(precompiled, "compiled_code", spy)
    fast = memos()
    # The fast path ran, for every template of both memos.
    assert used == {(fmt, name, True) for fmt, names in compiled_templates.TEMPLATES.items() for name in names}
    monkeypatch.setattr(precompiled, "compiled_code", lambda *a: None)
    slow = memos()
    assert len(fast) == 3 * 2 * 2  # three examples, md and html, ja and en
    for key in fast:
        assert fast[key] == slow[key], key
        assert len(fast[key]) > 2000


@needs_their_jinja2
def test_an_edited_template_is_compiled_from_its_source(advisor, examples, tmp_path, monkeypatch,
                                                        fresh_environments):
    copy = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, copy)
    monkeypatch.setattr(precompiled, "TEMPLATES_DIR", copy)
    assert _from_compiled_module(make_environment("markdown").get_template("memo.md.j2"))  # unedited: precompiled

    render._environment.cache_clear()
    memo = copy / "memo.md.j2"
    memo.write_text(memo.read_text(encoding="utf-8") + "編集した行\n", encoding="utf-8")
    env = make_environment("markdown")
    assert not _from_compiled_module(env.get_template("memo.md.j2"))
    assert _from_compiled_module(env.get_template("_common.j2"))  # the unedited partial still is
    advice = advisor.advise(load_profile(str(examples[0]), advisor.knowledge))
    assert render_memo(advice, advisor).endswith("編集した行\n")


@needs_their_jinja2
def test_another_jinja2_or_other_settings_compile_from_source(monkeypatch, fresh_environments):
    env = make_environment("html")
    assert precompiled.compiled_code(env, "html", "_body.html.j2") is not None
    # The markdown modules were generated without autoescape: never for the html environment.
    assert precompiled.compiled_code(env, "markdown", "_common.j2") is None
    other = type(env)(loader=env.loader, undefined=jinja2.StrictUndefined, autoescape=True,
                      keep_trailing_newline=True, trim_blocks=True)
    assert precompiled.compiled_code(other, "html", "_body.html.j2") is None
    monkeypatch.setattr(compiled_templates, "JINJA2_VERSION", "3.0.0")
    assert precompiled.compiled_code(env, "html", "_body.html.j2") is None


def test_office_templates_and_the_shipped_partials_they_use_are_sandboxed_not_precompiled(tmp_path,
                                                                                         fresh_environments):
    shutil.copy(TEMPLATES_DIR / "memo.md.j2", tmp_path / "memo.md.j2")
    env = make_environment("markdown", tmp_path)
    assert env.sandboxed
    assert precompiled.settings_key(env) is None
    assert not isinstance(env.loader, precompiled.PrecompiledLoader)
    for name in ("memo.md.j2", "_common.j2"):  # the office's own, and a shipped partial
        assert not _from_compiled_module(env.get_template(name))


def test_an_error_in_a_precompiled_template_names_the_template_file_and_line(monkeypatch, fresh_environments):
    """Jinja2 maps the generated code's lines back to the template's: the same file and line either way."""
    def where(env):
        with pytest.raises(jinja2.UndefinedError) as caught:
            env.get_template("memo.md.j2").render(lang="ja")  # no `t`, no `header`
        return render.template_location(caught.value, "memo.md.j2")

    fast = where(make_environment("markdown"))
    slow = where(precompiled.source_environment("markdown"))
    assert fast == slow
    assert fast[0].startswith(str(TEMPLATES_DIR)) and fast[0].endswith(".j2"), fast  # not the generated module
    assert fast[1] is not None and fast[1] > 1


def test_the_compiled_modules_import_as_plain_modules():
    """Anything that walks the package's modules (a warm server, coverage) imports them without error."""
    import importlib
    for fmt, names in compiled_templates.TEMPLATES.items():
        for module, _ in names.values():
            imported = importlib.import_module(f"{precompiled.PACKAGE}.{module}")
            assert callable(imported.root)
