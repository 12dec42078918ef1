"""The index on disk: chromadb vectors, a registry that says which chunks are live, and the BM25 index.

Layout of `settings.index_dir`: `registry.json` (the source of truth: documents -> content hash -> chunk
ids and their sentence counts, and the vector folder that holds them; written atomically), the vector
folder it names, `chroma-<generation>` (two collections: passage vectors, and `<collection>-sentences`
with one vector per chunk sentence), and `lexical/` (BM25, rebuilt after each change). A committed vector
folder is never written again: an ingest copies it, writes the copy, and commits a registry naming the
copy, so a kill at any moment leaves the whole index old (or, after the commit, new) and the next ingest
deletes the copy. Readers open a throwaway copy of the committed folder (`scratch`: chromadb rewrites
HNSW files on every open, with bytes of the process's memory in them) and only see chunks and sentences
the registry lists. Damage is detected before chromadb reads a vector file (a checksum recorded after each
ingest), because a damaged file can crash the process or silently return one document for every query.
With a chroma server the writer writes in place, document by document (added, committed, then the old
ones deleted), and marks the registry dirty.

One module per job: `registry` (the registry and its atomic write), `fingerprints` (vector-file checksums),
`clients` (the chromadb client cache and collections), `lock` (the single writer, and whether it writes
now), `scratch` (the readers' throwaway copies), `reader` (`open_index`) and `writer` (`IndexWriter`).
"""

from ingest.store.clients import CHROMA_DIR, release_clients
from ingest.store.lock import LOCK_NAME, IngestBusy, ingest_in_progress, ingest_running, writer_lock
from ingest.store.reader import LEXICAL_DIR, ChromaIndex, open_index
from ingest.store.registry import REGISTRY_FILE, DocRecord, Registry, read_registry
from ingest.store.writer import IndexWriter

__all__ = [
    "CHROMA_DIR",
    "LEXICAL_DIR",
    "LOCK_NAME",
    "REGISTRY_FILE",
    "ChromaIndex",
    "DocRecord",
    "IndexWriter",
    "IngestBusy",
    "Registry",
    "ingest_in_progress",
    "ingest_running",
    "open_index",
    "read_registry",
    "release_clients",
    "writer_lock",
]
