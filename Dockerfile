# One image for every service; the command picks the service (`zgw serve catalogi`, `zgw serve zaken`,
# ...). Each serves on its port in services/registry.py; docker-compose.yml publishes them.
FROM python:3.11-slim
WORKDIR /app
# PYTHONPATH: import shared/ and services/ from /app, not from site-packages, so that PROJECT_ROOT
# is /app and `zgw migrate` finds /app/migrations
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PYTHONPATH=/app
COPY requirements.lock pyproject.toml ./
RUN pip install -r requirements.lock
COPY shared ./shared
COPY services ./services
COPY migrations ./migrations
RUN pip install --no-deps .
CMD ["zgw", "serve", "catalogi", "--host", "0.0.0.0"]
