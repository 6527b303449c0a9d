"""Config: defaults, validation errors that name the file and key, section overrides."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from briefings.config import default_config, load_config
from briefings.errors import ConfigError
from briefings.pipeline import registered_choices


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "briefings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_config_gives_defaults():
    config = default_config()
    assert config.settings.brief.timezone == "UTC"
    assert config.taxonomy.keys == ("diplomacy", "strikes", "aid")
    assert config.settings.brief.window_hours == 24


def test_values_are_read_and_paths_are_relative_to_the_file(tmp_path):
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    path = write(
        tmp_path,
        '[brief]\ntitle = "Desk Brief"\ntimezone = "Europe/Kyiv"\nkey_points = 3\n'
        '[brand]\nname = "Desk"\nlogo = "brand/logo.svg"\nprimary = "#112233"\n',
    )
    config = load_config(path)
    assert config.settings.brief.title == "Desk Brief"
    assert str(config.timezone) == "Europe/Kyiv"
    assert config.brand.logo == str(tmp_path / "brand" / "logo.svg")
    assert config.brand.primary == "#112233"
    assert config.base_dir == tmp_path


@pytest.mark.parametrize(
    "text, expected",
    [
        ('[brief]\ntimezone = "Mars/Olympus"\n', "briefings.toml: brief.timezone: unknown time zone 'Mars/Olympus'"),
        ("[brief]\nwindow_hours = 12\n", "briefings.toml: brief.window_hours:"),
        ('[brand]\nprimary = "blue"\n', "briefings.toml: brand.primary: expected a colour like '#0b3d91', got 'blue'"),
        ('[brand]\nlogo = "missing.svg"\n', "briefings.toml: brand.logo: file"),
        ('[[sources]]\nname = "x"\nkind = "ftp"\n', "briefings.toml: sources[0].kind:"),
        ("[brief\ntitle = 1\n", "invalid TOML"),
        ('[sections.energy]\ntitle = "Energy"\n', "briefings.toml: sections.energy: a new section needs cues"),
        ('[sections.aid]\ncues = [1, "grid"]\n', "briefings.toml: sections.aid.cues: expected words"),
    ],
)
def test_bad_values_name_file_and_key(tmp_path, text, expected):
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, text), registered_choices())
    assert expected in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def test_unknown_keys_are_warnings(tmp_path):
    config = load_config(write(tmp_path, '[brief]\ntitel = "typo"\n'))
    assert config.warnings == ("briefings.toml: brief.titel: unknown key, ignored (did you mean 'title'?)",)


def test_unknown_keys_warn_in_every_table_with_the_key_meant(tmp_path):
    """[email] and [sections.KEY] once refused unknown keys while the others warned: all warn."""
    config = load_config(write(
        tmp_path,
        'colour = 1\n[brand]\nzzz = 1\n[[sources]]\nname = "a"\nkind = "feed"\nurl = "https://x.org/f"\n'
        'timout = 5\n[sections.aid]\ntitel = "Aid"\n[sections.energy]\ncues = ["grid"]\nextra = 1\n'
        '[email]\nto = "desk@example.org"\nsender = "b@example.org"\nhost = "h.example.org"\n'
        'tooo = "x@example.org"\nstarttsl = true\n',
    ))
    assert config.warnings == (
        "briefings.toml: colour: unknown key, ignored",
        "briefings.toml: brand.zzz: unknown key, ignored",
        "briefings.toml: sources[0].timout: unknown key, ignored (did you mean 'timeout'?)",
        "briefings.toml: sections.aid.titel: unknown key, ignored (did you mean 'title'?)",
        "briefings.toml: sections.energy.extra: unknown key, ignored (did you mean 'extra_cues'?)",
        "briefings.toml: email.tooo: unknown key, ignored (did you mean 'to'?)",
        "briefings.toml: email.starttsl: unknown key, ignored (did you mean 'starttls'?)",
    )
    assert config.email is not None and config.taxonomy.title_of("aid") == "Aid"


def test_every_problem_is_reported_at_once_a_line_each(tmp_path):
    path = write(
        tmp_path,
        '[brief]\ntimezone = "Mars/Olympus"\n[brand]\nprimary = "blue"\nlogo = "missing.svg"\n'
        '[[sources]]\nname = "a"\nkind = "feed"\nurl = "https://x.org/f"\n'
        '[[sources]]\nname = "b"\nkind = "feed"\nurl = "ftp://x"\n'
        '[sections.aid]\ncues = [1, "grid"]\n[email]\nto = "nobody"\nport = "25"\n',
    )
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value).splitlines() == [
        "briefings.toml: brief.timezone: unknown time zone 'Mars/Olympus' (use an IANA name such as 'Europe/Kyiv')",
        "briefings.toml: brand.primary: expected a colour like '#0b3d91', got 'blue'",
        "briefings.toml: sources[1].url: expected an http(s) URL, got 'ftp://x'",
        "briefings.toml: sections.aid.cues: expected words, got 1",
        "briefings.toml: email.to: 'nobody': not a mail address (expected name@domain)",
        "briefings.toml: email.sender: required (an address)",
        "briefings.toml: email.host: required",
        "briefings.toml: email.port: '25' is not a port number (1-65535)",
        f"briefings.toml: brand.logo: file {tmp_path / 'missing.svg'} does not exist",
    ]


def test_a_bad_cue_weight_is_named_with_its_cue(tmp_path):
    path = write(tmp_path, '[sections.aid]\nextra_cues = { generators = "many" }\n')
    with pytest.raises(ConfigError, match=r"^briefings.toml: sections.aid.extra_cues.generators: "
                                          r"weight must be a number, got 'many'$"):
        load_config(path)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[sections.other]\ncues = [\"x\"]\n", "briefings.toml: sections.other: 'other' is reserved and cannot be a section"),
        ("[sections.aid]\nenabled = 1\n", "briefings.toml: sections.aid.enabled: expected true or false, got 1"),
        ("[sections]\naid = 1\n", "briefings.toml: sections.aid: expected a table"),
        ("[sections.aid]\ntitle = 2\n", "briefings.toml: sections.aid.title: expected text, got 2"),
        ("[sections.aid]\nenabled = false\n[sections.strikes]\nenabled = false\n[sections.diplomacy]\nenabled = false\n",
         "briefings.toml: sections: every section is disabled; keep at least one"),
        ("email = 5\n", "briefings.toml: email: must be a table"),
    ],
)
def test_sections_and_email_problems_name_the_key(tmp_path, text, expected):
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, text))
    assert str(error.value) == expected


def test_sections_can_be_added_retitled_and_dropped(tmp_path):
    path = write(
        tmp_path,
        '[sections.energy]\ntitle = "Energy"\ncues = ["power grid", "blackout*"]\n'
        '[sections.aid]\ntitle = "Assistance"\nextra_cues = ["generators"]\n'
        "[sections.strikes]\nenabled = false\n",
    )
    taxonomy = load_config(path).taxonomy
    assert taxonomy.keys == ("diplomacy", "aid", "energy")
    assert taxonomy.title_of("aid") == "Assistance"
    aid = next(s for s in taxonomy.sections if s.key == "aid")
    assert "generators" in [c.pattern for c in aid.cues]
    assert len(aid.cues) > 1  # the default cues are kept
    energy = next(s for s in taxonomy.sections if s.key == "energy")
    assert [c.pattern for c in energy.cues] == ["power grid", "blackout*"]


def test_email_table_is_validated_at_load(tmp_path):
    path = write(
        tmp_path,
        '[email]\nto = ["desk@example.org"]\nsender = "briefs@example.org"\nhost = "127.0.0.1"\n'
        'port = 2525\nstarttls = false\ncafile = "certs/ca.pem"\n',
    )
    email = load_config(path).email
    assert email is not None
    assert email.to == ("desk@example.org",) and email.port == 2525 and email.security == "plain"
    assert email.cafile == str(tmp_path / "certs" / "ca.pem")


def test_bad_email_address_names_file_and_key(tmp_path):
    path = write(tmp_path, '[email]\nto = ["nobody"]\nsender = "b@example.org"\nhost = "h"\n')
    with pytest.raises(ConfigError, match=r"^briefings.toml: email.to: 'nobody'"):
        load_config(path)


def test_sending_without_an_email_table_is_a_config_error(tmp_path):
    config = load_config(write(tmp_path, '[brief]\ntitle = "x"\n'))
    assert config.email is None
    with pytest.raises(ConfigError, match=r"briefings.toml: no \[email\] table"):
        config.require_email()


def test_a_very_long_time_zone_names_the_key(tmp_path):
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, f'[brief]\ntimezone = "{"A" * 300}"\n'))
    assert str(error.value).startswith("briefings.toml: brief.timezone: unknown time zone 'AAA")
    assert len(str(error.value)) < 200


def test_an_unknown_key_with_a_line_break_is_one_warning_line(tmp_path):
    config = load_config(write(tmp_path, '[brief]\n"a\\nb" = 1\n'))
    assert config.warnings == ("briefings.toml: brief.a\\nb: unknown key, ignored",)


def email_toml(table: dict[str, Any]) -> str:
    """An ``[email]`` table written as TOML (strings, numbers, booleans, lists of strings)."""
    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, list):
            return "[" + ", ".join(value(i) for i in v) + "]"
        return json.dumps(v) if isinstance(v, str) else repr(v)

    return "[email]\n" + "".join(f"{k} = {value(v)}\n" for k, v in table.items())


def test_email_table_reads_designs_example_and_rejects_mistakes(tmp_path):
    table = {"to": ["desk@example.org"], "sender": "briefs@example.org",
             "host": "smtp.example.org", "port": 587, "starttls": True, "username": "briefs",
             "password_env": "BRIEFINGS_SMTP_PASSWORD"}

    def email(t: dict[str, Any]):
        return load_config(write(tmp_path, email_toml(t))).email

    parsed = email(table)
    assert parsed.security == "starttls" and parsed.port == 587 and parsed.to == ("desk@example.org",)
    assert email({**table, "starttls": False}).security == "plain"
    tls = {k: v for k, v in table.items() if k not in ("port", "starttls")}
    assert email({**tls, "security": "tls"}).port == 465
    mistakes = {
        "port": {**table, "port": "587"},
        "security": {**table, "security": "ssl3"},
        "subject": {**table, "subject": "{title} {weather}"},
        "password_env": {**table, "password_env": None},
        "username": {**table, "username": None},
        "to": {**table, "to": []},
        "starttls": {**tls, "security": "tls", "starttls": True},
        "from": {**table, "from": "other@example.org"},
        "sender": {**table, "sender": "b@example.org\nBcc: x@example.org"},
        "timeout": {**table, "timeout": 0},
        "tls_verify": {**table, "tls_verify": "yes"},
    }
    for key, bad in mistakes.items():
        bad = {k: v for k, v in bad.items() if v is not None}
        with pytest.raises(ConfigError, match=rf"^briefings\.toml: email\.{key}: ") as error:
            load_config(write(tmp_path, email_toml(bad)))
        assert "\n" not in str(error.value), key
    with pytest.raises(ConfigError, match=r"^briefings\.toml: email\.sender: .*line break"):
        load_config(write(tmp_path, email_toml(mistakes["sender"])))


def test_defaults_are_written_once():
    """Each default has one home: the brand's in model.Brand, [limits] and a source's in
    limits.py; the tables and the stages read them from there."""
    from briefings import limits
    from briefings.collect.sources import SourceSpec
    from briefings.config import BrandTable, LimitsTable, SourceTable
    from briefings.model import Brand

    assert BrandTable().model_dump() == Brand().to_json()
    assert LimitsTable().model_dump() == {
        "file_bytes": limits.DEFAULT_FILE_BYTES, "articles": limits.DEFAULT_ARTICLES,
        "sentence_chars": limits.DEFAULT_SENTENCE_CHARS,
        "source_seconds": limits.DEFAULT_SOURCE_SECONDS, "json_depth": limits.DEFAULT_JSON_DEPTH}
    source = SourceTable(name="a", kind="feed", url="https://example.org/feed")
    spec = SourceSpec(name="a", kind="feed", url="https://example.org/feed")
    assert (source.timeout, source.max_bytes, source.retries) == (spec.timeout, spec.max_bytes, spec.retries) \
        == (limits.DEFAULT_SOURCE_TIMEOUT, limits.DEFAULT_SOURCE_MAX_BYTES, limits.DEFAULT_SOURCE_RETRIES)


def test_config_imports_no_stage():
    """config reads [brand] and [email] through neutral modules: loading it loads no stage."""
    code = ("import sys, briefings.config; "
            "print(sorted(m for m in sys.modules if m.startswith('briefings.') and m.split('.')[1] in "
            "('collect', 'extract', 'compose', 'render', 'deliver', 'pipeline')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_cli_prints_each_problem_as_an_error_line(tmp_path):
    from typer.testing import CliRunner

    from briefings.cli import app

    path = write(tmp_path, '[brief]\ntimezone = "Nowhere/Land"\n[brand]\nprimary = "blue"\n')
    result = CliRunner().invoke(app, ["sources", "--config", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: briefings.toml: brief.timezone: unknown time zone 'Nowhere/Land' (use an IANA name such as 'Europe/Kyiv')",
        "Error: briefings.toml: brand.primary: expected a colour like '#0b3d91', got 'blue'",
    ]
