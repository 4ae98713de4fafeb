# One image for every service; the command picks the service (`zgw serve catalogi`).
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
COPY requirements.lock pyproject.toml ./
RUN pip install -r requirements.lock
COPY shared ./shared
COPY services ./services
COPY migrations ./migrations
RUN pip install --no-deps .
EXPOSE 8001
CMD ["zgw", "serve", "catalogi", "--host", "0.0.0.0"]
