# The brief on a server, in a container: `docker build -t briefings .` then
#   docker run --rm -v "$PWD/desk:/srv/briefings" --user "$(id -u):$(id -g)" briefings
# builds the sample brief into desk/reports/2025-07-22/. With a briefings.toml in desk/ (see
# `briefings init`), run any command: `... briefings build --date yesterday --send --quiet`.
FROM python:3.11-slim-bookworm

# WeasyPrint's text layout (Pango), fast font subsetting for the PDF, a fallback font.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

# A non-editable install of the checkout: the wheel carries the themes, taxonomy and data.
WORKDIR /opt/briefings
COPY pyproject.toml README.md ./
COPY briefings ./briefings
COPY templates ./templates
COPY samples ./samples
RUN pip install --no-cache-dir . && briefings --version

# The writable folder: briefings.toml, reports/ (briefs, the archive, the fact cache).
RUN useradd --create-home --home-dir /srv/briefings briefings
USER briefings
WORKDIR /srv/briefings
VOLUME ["/srv/briefings"]

ENTRYPOINT ["briefings"]
CMD ["build", "/opt/briefings/samples", "--date", "2025-07-22"]
