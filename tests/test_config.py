"""Config: defaults, validation errors that name the file and key, section overrides."""

from pathlib import Path

import pytest

from briefings.config import default_config, load_config
from briefings.errors import ConfigError


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
        ('[sections.aid]\ncues = [1, 2]\n', "briefings.toml: sections.aid.cues: expected words"),
    ],
)
def test_bad_values_name_file_and_key(tmp_path, text, expected):
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, text))
    assert expected in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def test_unknown_keys_are_warnings(tmp_path):
    config = load_config(write(tmp_path, '[brief]\ntitel = "typo"\n'))
    assert config.warnings == ("briefings.toml: brief.titel: unknown key, ignored",)


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
