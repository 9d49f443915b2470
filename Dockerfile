# The explorer and the CLI, for docker-compose.yml (Neo4j runs in its own container).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY govgraph govgraph
COPY model model
COPY loaders loaders
COPY queries queries
COPY dashboard dashboard
COPY data data
RUN pip install --no-cache-dir -e .
EXPOSE 8501
CMD ["govgraph", "explore", "--address", "0.0.0.0", "--port", "8501"]
