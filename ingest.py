"""Index documents: `python ingest.py [PATH ...]` (default: corpus/). See `--help`."""

import sys

from assistant.cli import main

if __name__ == "__main__":
    sys.exit(main(["ingest", *sys.argv[1:]]))
