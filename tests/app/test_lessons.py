"""The lesson files and their parser: every shipped lesson, both languages in step, and broken files named by line."""

import sys
from dataclasses import replace
from pathlib import Path

import pytest

import ganlab.app.lessons.files as lesson_files_module
from ganlab.app.kinds import RUN_KINDS, register_kind, unregister_kind
from ganlab.app.lessons import (
    SHARED_VERBS,
    Action,
    LessonError,
    ValidationContext,
    Verb,
    all_verbs,
    available_languages,
    compare_translations,
    default_context,
    describe_vocabulary,
    load_lessons,
    parse_lesson,
    resolve_language,
    tutorials_dir,
)
from ganlab.app.lessons.vocabulary import OneOf
from ganlab.app.one_d import ONE_D

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "zh_CN")

CONTEXT = ValidationContext(
    presets=frozenset({"figure1", "saturation", "digits"}),
    fields={"loss": ("minimax", "non_saturating"), "k": (0, 50), "lr_g": (1e-6, 1.0), "dropout": (0.0, 0.9)},
)


def parse(text: str, path: str = "lesson.md"):
    return parse_lesson(text, path, CONTEXT)


def step_with(*lines: str) -> str:
    return "\n".join(["# A lesson", "", "## A step", "Some text.", *lines, ""])


def error_of(text, path: str = "broken.md") -> LessonError:
    with pytest.raises(LessonError) as info:
        parse_lesson(text, path, CONTEXT)
    return info.value


# --- the shipped lessons -------------------------------------------------------------------------------------------


def test_tutorials_dir_is_the_checkout_folder():
    assert tutorials_dir() == REPO / "tutorials"
    assert set(LANGUAGES) <= set(available_languages())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_shipped_lesson_parses_with_the_default_context(language):
    loaded = load_lessons(language)
    assert len(loaded) >= 6
    files = sorted((REPO / "tutorials" / language).glob("*.md"))
    assert [lesson.path for lesson in loaded] == files  # in file-name order, none skipped
    for lesson in loaded:
        assert lesson.language == language
        assert 4 <= len(lesson.steps) <= 8, lesson.path
        for step in lesson.steps:
            assert step.title and step.html.startswith("<"), (lesson.path, step.line)
        assert any(step.actions for step in lesson.steps), lesson.path


def test_both_languages_have_the_same_lessons_steps_and_commands():
    english, chinese = load_lessons("en"), load_lessons("zh_CN")
    assert [lesson.key for lesson in english] == [lesson.key for lesson in chinese]
    assert compare_translations(english, chinese) == []
    for mine, theirs in zip(english, chinese, strict=True):
        assert mine.signature() == theirs.signature()
        assert mine.title != theirs.title  # translated, not copied
        for a, b in zip(mine.steps, theirs.steps, strict=True):
            assert [x.label for x in a.actions] != [x.label for x in b.actions] or not a.actions


def test_the_chinese_lessons_are_in_chinese():
    everything = ""
    for lesson in load_lessons("zh_CN"):
        text = lesson.title + "".join(step.title + step.html for step in lesson.steps)
        han = sum("\u4e00" <= char <= "\u9fff" for char in text)
        assert han > 300, lesson.path
        everything += text
    terms = ("判别器", "生成器", "极小极大", "最优判别器", "饱和", "模式崩溃", "Helvetica 场景", "隐空间", "线性插值")
    for term in terms:
        assert term in everything, term


def test_compare_translations_reports_a_changed_command():
    english = load_lessons("en")
    changed = parse_lesson(english[0].path.read_text(encoding="utf-8").replace("preset figure1", "preset saturation"))
    changed = type(changed)(english[0].key, changed.title, changed.steps, english[0].path, "xx")
    problems = compare_translations(english, [changed, *english[1:]])
    assert len(problems) == 1 and "figure1" in problems[0] and "saturation" in problems[0]
    fewer = type(changed)(english[0].key, changed.title, changed.steps[:-1], english[0].path, "xx")
    assert "steps" in compare_translations(english, [fewer, *english[1:]])[0]


def commands(language: str) -> dict[str, list[tuple]]:
    """lesson key -> every (verb, args) its buttons send, in order."""
    return {lesson.key: [pair for step in lesson.signature() for pair in step] for lesson in load_lessons(language)}


def test_each_listed_topic_has_its_lesson_and_buttons():
    by_key = commands("en")
    titles = {lesson.key: lesson.title for lesson in load_lessons("en")}
    assert list(by_key) == [
        "figure1",
        "algorithm1",
        "optimal-d",
        "saturation",
        "what-goes-wrong",
        "digits-latent",
        "gan-lab-picture",
        "mode-collapse",
    ]
    assert "Figure 1" in titles["figure1"] and "minimax" in titles["figure1"]
    assert ("preset", ("figure1",)) in by_key["figure1"] and ("capture", ()) in by_key["figure1"]
    assert {("step_d", ()), ("step_g", ()), ("step", ()), ("speed", ("narrated",))} <= set(by_key["algorithm1"])
    assert {("overlay", ("d_star", True)), ("set", ("g_steps", 0)), ("show", ("numbers",))} <= set(by_key["optimal-d"])
    assert {("preset", ("saturation",)), ("show", ("saturation",)), ("set", ("loss", "non_saturating"))} <= set(
        by_key["saturation"]
    )
    assert {("preset", ("two_modes",)), ("preset", ("helvetica",)), ("preset", ("k_steps",))} <= set(
        by_key["what-goes-wrong"]
    )
    assert {("preset", ("digits",)), ("show", ("samples",)), ("show", ("nearest",)), ("show", ("latent",))} <= set(
        by_key["digits-latent"]
    )
    assert {("latent", ("lerp",)), ("latent", ("slerp",)), ("latent", ("random",))} <= set(by_key["digits-latent"])


def test_the_lessons_teach_the_papers_facts():
    text = {lesson.key: " ".join(step.html for step in lesson.steps) for lesson in load_lessons("en")}
    assert "p_data(x) / (p_data(x) + p_g(x))" in text["optimal-d"]
    assert "−log 4" in text["optimal-d"] and "JSD" in text["optimal-d"]
    assert "log(1 − D(G(z)))" in text["saturation"] and "maximize <code>log D(G(z))</code>" in text["saturation"]
    assert "Helvetica" in text["what-goes-wrong"]
    assert "k = 1" in text["algorithm1"]


def test_the_authors_guide_lists_every_command():
    guide = (REPO / "tutorials" / "README.md").read_text(encoding="utf-8")
    verbs = all_verbs()
    assert {"overlay", "capture", "latent"} <= verbs  # the kinds' own verbs too
    for verb in verbs:
        assert f"| `{verb}" in guide, verb


def test_default_context_has_the_presets_and_settings():
    from ganlab.app.kinds import ALL_PRESETS
    from ganlab.core.image_config import IMAGE_LIMITS
    from ganlab.core.run_config import LIMITS

    context = default_context()
    assert set(ALL_PRESETS) | {"k_steps", "helvetica", "latent"} <= context.presets
    assert context.fields["loss"][:2] == ("minimax", "non_saturating")
    assert context.fields["k"] == (0, 50)
    assert context.fields["dropout"] == IMAGE_LIMITS["dropout"]
    low, high = context.fields["noise_dim"]  # in both: the wider range
    assert (low, high) == (min(LIMITS["noise_dim"][0], IMAGE_LIMITS["noise_dim"][0]), IMAGE_LIMITS["noise_dim"][1])


# --- a vocabulary the kinds of run extend --------------------------------------------------------------------------

WAVE = Verb((OneOf(("hello", "goodbye")),), "wave at the class")


@pytest.fixture
def test_kind():
    """A kind of run of the test's own, with its own preset, verb and panel; gone from the table afterwards."""
    preset = replace(ONE_D.presets[0], key="test_preset")
    kind = replace(
        ONE_D, name="test_kind", presets=(preset,), lesson_verbs={"wave": WAVE}, panels=("charts", "test_panel")
    )
    register_kind(kind)
    yield kind
    unregister_kind(kind.name)


def test_the_kinds_verbs_live_in_their_rows():
    assert {"overlay", "capture", "latent", "layer"}.isdisjoint(SHARED_VERBS)
    assert set(RUN_KINDS["1d"].lesson_verbs) == {"overlay", "capture"}
    assert set(RUN_KINDS["image"].lesson_verbs) == {"latent"}
    assert set(RUN_KINDS["plane"].lesson_verbs) == {"layer"}
    context = default_context()
    assert all_verbs(context) == {*SHARED_VERBS, "overlay", "capture", "latent", "layer"}
    assert context.panels == ("charts", "saturation", "captures", "numbers", "samples", "nearest", "latent")
    usages = [usage for usage, _ in describe_vocabulary(context)]
    assert "overlay d_star|push|histogram on|off" in usages and "latent random|slerp|lerp" in usages
    assert usages[: len(SHARED_VERBS)] == [verb.usage(name) for name, verb in SHARED_VERBS.items()]


def test_a_registered_kind_brings_its_own_verb_and_panel(test_kind):
    text = step_with(
        "[button: Load | preset test_preset]", "[button: Wave | wave hello]", "[button: Look | show test_panel]"
    )
    lesson = parse_lesson(text, "new-kind.md")
    assert [(a.verb, a.args) for a in lesson.steps[0].actions] == [
        ("preset", ("test_preset",)),
        ("wave", ("hello",)),
        ("show", ("test_panel",)),
    ]
    assert "wave" in all_verbs() and ("wave hello|goodbye", "wave at the class") in describe_vocabulary()
    with pytest.raises(LessonError, match="'wave' takes 1 argument"):
        parse_lesson(step_with("[button: Wave | wave]"), "new-kind.md")


def test_without_the_kind_its_verb_and_panel_are_unknown():
    assert "test_kind" not in RUN_KINDS
    with pytest.raises(LessonError, match="unknown command 'wave'"):
        parse_lesson(step_with("[button: Wave | wave hello]"), "old.md")
    with pytest.raises(LessonError, match="'test_panel' is not one of charts"):
        parse_lesson(step_with("[button: Look | show test_panel]"), "old.md")


def test_two_kinds_cannot_give_one_verb_two_meanings():
    other = replace(ONE_D, name="clashing_kind", presets=(), lesson_verbs={"capture": WAVE})
    register_kind(other)
    try:
        with pytest.raises(ValueError, match="'clashing_kind' redefines the lesson verb 'capture'"):
            default_context()
    finally:
        unregister_kind(other.name)


def test_lessons_module_imports_no_qt():
    import subprocess

    code = "import sys, ganlab.app.lessons; print([m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "[]"


def test_languages_resolve_to_a_folder():
    assert resolve_language("zh_CN") == "zh_CN"
    assert resolve_language("zh") == "zh_CN"
    assert resolve_language("zh-CN") == "zh_CN"
    assert resolve_language("en_GB") == "en"
    assert resolve_language("de") == "en"


def test_unknown_language_is_an_error(tmp_path):
    with pytest.raises(LessonError, match="no lessons in language 'de'"):
        load_lessons("de", CONTEXT, tmp_path)


def test_tutorials_dir_falls_back_to_the_installed_share_folder(tmp_path, monkeypatch):
    share = tmp_path / "share" / "ganlab" / "tutorials"
    (share / "en").mkdir(parents=True)
    monkeypatch.setattr(
        lesson_files_module, "__file__", str(tmp_path / "site-packages" / "ganlab" / "app" / "lessons" / "files.py")
    )
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert tutorials_dir() == share
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "elsewhere"))
    with pytest.raises(FileNotFoundError, match="tutorials folder is missing"):
        tutorials_dir()
    assert available_languages() == []


# --- the format -----------------------------------------------------------------------------------------------------


def test_a_lesson_parses_into_steps_text_and_actions():
    lesson = parse(
        "\n".join(
            [
                "# Learning a Gaussian",
                "An introduction.",
                "",
                "## First step",
                "Text with **bold**, *italic* and `D*(x)`,",
                "continued on a second line.",
                "",
                "- one",
                "  still one",
                "- two",
                "",
                "[button: Load it | preset figure1]",
                "[button:  Minimax! |set loss   minimax ]",
                "",
                "## Second step",
                "1. first",
                "2. second",
                "[button: Run | run 500]",
                "[button: Faster | set lr_g 0.01]",
                "[button: Hide | overlay d_star off]",
            ]
        ),
        "01-gauss.md",
    )
    assert (lesson.key, lesson.title, lesson.language) == ("gauss", "Learning a Gaussian", "en")
    assert lesson.intro == "<p>An introduction.</p>"
    first, second = lesson.steps
    assert (first.title, first.line, second.line) == ("First step", 4, 15)
    assert first.html == (
        "<p>Text with <b>bold</b>, <i>italic</i> and <code>D*(x)</code>, continued on a second line.</p>"
        "<ul><li>one still one</li><li>two</li></ul>"
    )
    assert first.actions == (
        Action("Load it", "preset", ("figure1",), 12, "preset figure1"),
        Action("Minimax!", "set", ("loss", "minimax"), 13, "set loss minimax"),
    )
    assert second.html == "<ol><li>first</li><li>second</li></ol>"
    assert [(a.verb, a.args) for a in second.actions] == [
        ("run", (500,)),
        ("set", ("lr_g", 0.01)),
        ("overlay", ("d_star", False)),
    ]
    assert isinstance(second.actions[0].args[0], int) and isinstance(second.actions[1].args[1], float)


def test_every_verb_of_the_vocabulary_parses():
    examples = {
        "preset": "preset digits",
        "play": "play",
        "pause": "pause",
        "step": "step",
        "step_d": "step_d",
        "step_g": "step_g",
        "reset": "reset",
        "live": "live",
        "run": "run 100000",
        "set": "set k 50",
        "overlay": "overlay histogram on",
        "show": "show latent",
        "capture": "capture",
        "speed": "speed narrated",
        "latent": "latent slerp",
        "layer": "layer fakes off",
    }
    assert set(examples) == all_verbs(CONTEXT)
    lesson = parse(step_with(*(f"[button: {verb} | {command}]" for verb, command in examples.items())))
    got = {action.verb: action.args for action in lesson.steps[0].actions}
    assert got["run"] == (100000,) and got["set"] == ("k", 50) and got["overlay"] == ("histogram", True)
    assert got["speed"] == ("narrated",) and got["play"] == ()


def test_text_is_escaped_never_passed_through():
    lesson = parse(step_with('<script>alert("x")</script> & <b>not bold</b> `<i>code</i>`'))
    body = lesson.steps[0].html
    assert "<script>" not in body and "<b>not" not in body and "<i>code" not in body
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt;' in body
    assert "<code>&lt;i&gt;code&lt;/i&gt;</code>" in body
    assert parse("# <img src=x>\n## <b>t</b>\ntext").title == "<img src=x>"  # titles are plain text for the widget


def test_emphasis_rules():
    html = parse(step_with("D*(x) and D* stay; 2 \\* 3; **粗体**在中文里; *a*; ** not bold **")).steps[0].html
    assert "D*(x) and D* stay; 2 * 3; <b>粗体</b>在中文里; <i>a</i>; ** not bold **" in html


def test_chinese_lines_join_without_a_space():
    html = parse("# 课\n## 步\n第一行\n第二行，G\n和 D").steps[0].html
    assert html == "<p>第一行第二行，G 和 D</p>"


def test_comments_are_dropped():
    lesson = parse("<!-- a note -->\n# T\n## S\nshown <!-- hidden --> too\n<!-- spanning\nlines -->\nend")
    assert lesson.steps[0].html == "<p>shown  too end</p>"


# --- broken files: the file, the line and the problem ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected_line", "problem"),
    [
        ("[button: Go | fly away]", 5, "unknown command 'fly'"),
        ("[button: Go | preset nowhere]", 5, "unknown preset 'nowhere'"),
        ("[button: Go | set colour red]", 5, "unknown setting 'colour'"),
        ("[button: Go | set loss hinge]", 5, "loss must be one of minimax, non_saturating (got 'hinge')"),
        ("[button: Go | set k 51]", 5, "out of range (0 to 50)"),
        ("[button: Go | set k 2.5]", 5, "'2.5' is not a whole number"),
        ("[button: Go | set lr_g 2]", 5, "out of range"),
        ("[button: Go | set lr_g nan]", 5, "out of range"),
        ("[button: Go | set lr_g fast]", 5, "'fast' is not a number"),
        ("[button: Go | run 0]", 5, "out of range (1 to 100000)"),
        ("[button: Go | run 100001]", 5, "out of range"),
        ("[button: Go | run]", 5, "'run' takes 1 argument(s): run N"),
        ("[button: Go | play now]", 5, "'play' takes 0 argument(s)"),
        ("[button: Go | overlay d_star maybe]", 5, "'maybe' is not one of on, off"),
        ("[button: Go | overlay glow on]", 5, "'glow' is not one of d_star, push, histogram"),
        ("[button: Go | show everything]", 5, "'everything' is not one of charts"),
        ("[button: Go | speed 7]", 5, "'7' is not one of full, 100, 20, 5, narrated, slow"),
        ("[button: Go | latent spiral]", 5, "'spiral' is not one of random, slerp, lerp"),
        ("[button: Go preset figure1]", 5, "[button: Label | command]"),
        ("[button: Go | preset figure1", 5, "[button: Label | command]"),
        ("[button:  | play]", 5, "the button has no label"),
        ("[button: Go | ]", 5, "the button has no command"),
        ("[buton: Go | play]", 5, "unknown directive 'buton'"),
        ("### A sub-heading", 5, "only '# lesson title' and '## step title' headings"),
    ],
)
def test_a_broken_line_is_named(line, expected_line, problem):
    error = error_of(step_with(line), "tutorials/en/07-broken.md")
    assert error.line == expected_line
    assert error.path == "tutorials/en/07-broken.md"
    assert str(error).startswith(f"tutorials/en/07-broken.md:{expected_line}: ")
    assert problem in str(error)


def test_an_error_further_down_names_its_own_line():
    text = step_with("[button: Go | play]", "", "## Second", "text", "", "[button: Bad | set k -1]")
    error = error_of(text)
    assert error.line == 10 and "out of range" in error.problem


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("# Only a title\n\nNo steps here.\n", 1, "the lesson has no steps"),
        ("\n\n# Title\n", 3, "the lesson has no steps"),
        ("", 1, "no lesson title"),
        ("Some text first\n# Title\n## Step\ntext", 1, "must start with '# Lesson title'"),
        ("## Step\ntext", 1, "a step before the lesson's '# Title' line"),
        ("# T\n## S\ntext\n# Again\n## S2\ntext", 4, "a second lesson title (the first is on line 1)"),
        ("# T\n## S\ntext\n## Empty\n\n## S3\ntext", 4, "step 'Empty' is empty"),
        ("# T\n## \ntext", 2, "the step title is empty"),
        ("# T\n[button: Go | play]\n## S\ntext", 2, "a button before the first step"),
        ("# T\n## S\ntext <!-- never\nclosed", 3, "comment is never closed"),
    ],
)
def test_a_broken_file_is_named(text, line, problem):
    error = error_of(text, "02-odd.md")
    assert (error.path, error.line) == ("02-odd.md", line)
    assert problem in error.problem


def test_non_utf8_bytes_are_named_by_line(tmp_path):
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "01-latin1.md").write_bytes("# Title\n## Step\nna\u00efve text\n".encode("latin-1"))
    with pytest.raises(LessonError) as info:
        load_lessons("en", CONTEXT, tmp_path)
    assert info.value.path.endswith("01-latin1.md") and info.value.line == 3
    assert "not UTF-8" in str(info.value) and "0xef" in str(info.value)


def test_a_byte_order_mark_is_fine():
    lesson = parse_lesson("\ufeff# Title\n## Step\ntext".encode(), "bom.md", CONTEXT)
    assert lesson.title == "Title"


def test_load_lessons_orders_by_file_name_and_refuses_duplicate_keys(tmp_path):
    folder = tmp_path / "en"
    folder.mkdir()
    for name in ("10-last.md", "02-second.md", "01-first.md"):
        (folder / name).write_text(f"# {name}\n## Step\ntext\n", encoding="utf-8")
    assert [lesson.key for lesson in load_lessons("en", CONTEXT, tmp_path)] == ["first", "second", "last"]
    (folder / "03-first.md").write_text("# again\n## Step\ntext\n", encoding="utf-8")
    with pytest.raises(LessonError, match="lesson key 'first' is also used by 01-first.md"):
        load_lessons("en", CONTEXT, tmp_path)


def test_a_broken_shipped_copy_is_caught(tmp_path):
    """A shipped lesson with one command broken fails with that file and line (the check the suite relies on)."""
    source = REPO / "tutorials" / "en" / "01-figure1.md"
    text = source.read_text(encoding="utf-8")
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if "| preset figure1]" in line)
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / source.name).write_text(text.replace("preset figure1", "preset figure_one"), encoding="utf-8")
    with pytest.raises(LessonError) as info:
        load_lessons("en", folder=tmp_path)
    assert info.value.line == number and "figure_one" in info.value.problem
