/*
** walbuf: a SQLite VFS shim that writes a transaction's WAL frames with one system call instead of two per frame.
**
** Why: SQLite writes each WAL frame as two pwrite()s (its 24-byte header, then the page). A public intake dirties
** about five pages, so a batch of twenty intakes costs some 200 system calls, and on these machines (a
** paravirtualised kernel) each costs several microseconds: a third of the writer thread's time
** (bench/README.md, feedback-submit). This shim keeps the frames a connection appends to its WAL in memory and
** writes them (one pwrite() per 124 KB) when the commit frame is complete, before the commit can be seen by anyone.
** In the server the public intake went ×1.08 (paired runs); the writer's pwrite()s went from 12 to 1 an intake.
**
** The rules that keep it exactly as safe as the plain VFS:
**  - Only appends to a "-wal" file are held back. Every other write, and every write to any other file, goes
**    straight through.
**  - The held frames are written (flushed):
**      . as soon as the page of a commit frame has been appended (the frame header's "database size" field is
**        non-zero only in commit frames). SQLite publishes a commit in the shared WAL index only after that, so no
**        reader can see a frame that is not in the file; an error from that write is the commit's error;
**      . before anything reads, syncs, truncates or measures the WAL, before a write elsewhere in it, and when
**        the buffer is full;
**      . before the connection gives up the WAL write lock (a rolled-back transaction's frames are written too,
**        as SQLite itself would have; they lie past the committed end and are ignored), and at every shared-memory
**        barrier on its database file, which SQLite places before it publishes a new WAL index header;
**      . when the file is closed.
**  - The sync is SQLite's (or the flusher thread's) as before: a sync only ever follows a flush.
**  - A failed write of held frames fails the commit, and every later operation on that WAL handle: after a write
**    error nothing is trusted until the connection is opened again.
**
** Loaded as a SQLite extension (better-sqlite3's loadExtension), it registers itself as the default VFS over the
** platform's, so every connection opened afterwards in the process uses it (src/db/walbuf.ts).
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define WALBUF_MAX (4 * 1024 * 1024) /* flush before the held frames pass this many bytes */
#define WAL_FRAME_HDR 24
#define WAL_WRITE_LOCK 0 /* the shared-memory lock slot SQLite's writer holds */
/* The unix VFS writes at most 128 KB - 1 in one call (it masks larger counts), so the held frames go in pieces. */
#define WRITE_PIECE (124 * 1024)

typedef struct WbFile WbFile;
struct WbFile {
  sqlite3_file base;   /* pMethods: wbIo */
  sqlite3_file *real;  /* the platform VFS's file, allocated just after this struct */
  int isWal;
  const char *zName;   /* main database: the name pointer SQLite gave xOpen (it identifies the connection's pager) */
  WbFile *pWal;        /* main database: its connection's WAL, while open */
  WbFile *pDb;         /* WAL: its connection's main database file */
  WbFile *pNext;       /* the list of open main database files */
  unsigned char *aBuf; /* WAL: the held frames */
  sqlite3_int64 iBufOfst;
  int nBuf;
  int nAlloc;
  int commitHeader;    /* WAL: the last write held was a commit frame's header */
  int rcSticky;        /* WAL: a flush that could not report its error (at a barrier) fails what follows */
};

static sqlite3_vfs *gRoot;
static sqlite3_vfs gVfs;
static sqlite3_io_methods gIo;
static WbFile *gDbFiles;
static pthread_mutex_t gMutex = PTHREAD_MUTEX_INITIALIZER;

/* Process-wide counters, read with SELECT walbuf_stats(): what the tests and an operator check it by. */
static sqlite3_int64 gFramesHeld; /* WAL frame headers held back */
static sqlite3_int64 gWalWrites;  /* writes to WAL files handed to the platform VFS */
static sqlite3_int64 gFlushes;    /* times held frames were written */
#define COUNT(v, n) __atomic_fetch_add(&(v), (n), __ATOMIC_RELAXED)

#define REAL(f) (((WbFile *)(f))->real)

static int wbFlush(WbFile *p) {
  int rc = SQLITE_OK;
  int at;
  if (p->nBuf == 0) return p->rcSticky;
  for (at = 0; at < p->nBuf && rc == SQLITE_OK; at += WRITE_PIECE) {
    int n = p->nBuf - at < WRITE_PIECE ? p->nBuf - at : WRITE_PIECE;
    rc = REAL(p)->pMethods->xWrite(REAL(p), p->aBuf + at, n, p->iBufOfst + at);
    COUNT(gWalWrites, 1);
  }
  COUNT(gFlushes, 1);
  p->nBuf = 0;
  p->commitHeader = 0;
  if (rc != SQLITE_OK && p->rcSticky == SQLITE_OK) p->rcSticky = rc;
  return rc;
}

/* Before anything but an append touches a WAL: what is held is written first (and a kept error is returned). */
static int heldWritten(WbFile *p) {
  return p->isWal ? wbFlush(p) : SQLITE_OK;
}

static int wbClose(sqlite3_file *f) {
  WbFile *p = (WbFile *)f;
  int rc = SQLITE_OK;
  pthread_mutex_lock(&gMutex);
  if (p->isWal) {
    if (p->pDb) p->pDb->pWal = 0;
  } else {
    WbFile **pp;
    for (pp = &gDbFiles; *pp; pp = &(*pp)->pNext) {
      if (*pp == p) {
        *pp = p->pNext;
        break;
      }
    }
    if (p->pWal) p->pWal->pDb = 0;
  }
  pthread_mutex_unlock(&gMutex);
  rc = heldWritten(p);
  {
    int rc2 = REAL(p)->pMethods->xClose(REAL(p));
    if (rc == SQLITE_OK) rc = rc2;
  }
  sqlite3_free(p->aBuf);
  p->aBuf = 0;
  return rc;
}

static int wbRead(sqlite3_file *f, void *z, int n, sqlite3_int64 ofst) {
  WbFile *p = (WbFile *)f;
  int rc = heldWritten(p);
  if (rc) return rc;
  return REAL(p)->pMethods->xRead(REAL(p), z, n, ofst);
}

static int wbWrite(sqlite3_file *f, const void *z, int n, sqlite3_int64 ofst) {
  WbFile *p = (WbFile *)f;
  int rc;
  if (!p->isWal) return REAL(p)->pMethods->xWrite(REAL(p), z, n, ofst);
  if (p->rcSticky) return p->rcSticky;
  /* Not an append to what is held, or too much held: write what is held first. */
  if (p->nBuf && (ofst != p->iBufOfst + p->nBuf || p->nBuf + n > WALBUF_MAX)) {
    rc = wbFlush(p);
    if (rc) return rc;
  }
  if (n > WRITE_PIECE) {
    COUNT(gWalWrites, 1);
    return REAL(p)->pMethods->xWrite(REAL(p), z, n, ofst);
  }
  if (p->nBuf + n > p->nAlloc) {
    int nNew = p->nAlloc ? p->nAlloc : 256 * 1024;
    unsigned char *a;
    while (nNew < p->nBuf + n) nNew *= 2;
    if (nNew > WALBUF_MAX) nNew = WALBUF_MAX;
    a = sqlite3_realloc(p->aBuf, nNew);
    if (!a) {
      rc = wbFlush(p);
      if (rc) return rc;
      COUNT(gWalWrites, 1);
      return REAL(p)->pMethods->xWrite(REAL(p), z, n, ofst);
    }
    p->aBuf = a;
    p->nAlloc = nNew;
  }
  if (p->nBuf == 0) p->iBufOfst = ofst;
  memcpy(p->aBuf + p->nBuf, z, n);
  p->nBuf += n;
  if (p->commitHeader && n != WAL_FRAME_HDR) {
    /* The page of a commit frame: the transaction is whole. */
    return wbFlush(p);
  }
  if (n == WAL_FRAME_HDR) {
    const unsigned char *h = (const unsigned char *)z;
    COUNT(gFramesHeld, 1);
    p->commitHeader = (h[4] | h[5] | h[6] | h[7]) != 0;
  } else {
    p->commitHeader = 0;
  }
  return SQLITE_OK;
}

static int wbTruncate(sqlite3_file *f, sqlite3_int64 size) {
  WbFile *p = (WbFile *)f;
  int rc = heldWritten(p);
  if (rc) return rc;
  return REAL(p)->pMethods->xTruncate(REAL(p), size);
}

static int wbSync(sqlite3_file *f, int flags) {
  WbFile *p = (WbFile *)f;
  int rc = heldWritten(p);
  if (rc) return rc;
  return REAL(p)->pMethods->xSync(REAL(p), flags);
}

static int wbFileSize(sqlite3_file *f, sqlite3_int64 *pSize) {
  WbFile *p = (WbFile *)f;
  int rc = heldWritten(p);
  if (rc) return rc;
  return REAL(p)->pMethods->xFileSize(REAL(p), pSize);
}

static int wbLock(sqlite3_file *f, int e) { return REAL(f)->pMethods->xLock(REAL(f), e); }
static int wbUnlock(sqlite3_file *f, int e) { return REAL(f)->pMethods->xUnlock(REAL(f), e); }
static int wbCheckReservedLock(sqlite3_file *f, int *pRes) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), pRes); }

static int wbFileControl(sqlite3_file *f, int op, void *pArg) {
  WbFile *p = (WbFile *)f;
  int rc = heldWritten(p);
  if (rc) return rc;
  if (op == SQLITE_FCNTL_VFSNAME) {
    rc = REAL(p)->pMethods->xFileControl(REAL(p), op, pArg);
    if (rc == SQLITE_OK) {
      char *zOld = *(char **)pArg;
      *(char **)pArg = sqlite3_mprintf("walbuf/%z", zOld);
    }
    return rc;
  }
  return REAL(p)->pMethods->xFileControl(REAL(p), op, pArg);
}

static int wbSectorSize(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int wbDeviceCharacteristics(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }

/*
** Writes what the WAL of a main database file's connection holds (nothing to do when it holds nothing, or has no WAL
** open; only that connection's thread touches it). The shared-memory calls arrive on the database file, not the WAL.
*/
static int walHeldWritten(sqlite3_file *f) {
  WbFile *p = (WbFile *)f;
  WbFile *w = p->isWal ? 0 : p->pWal;
  return w && w->nBuf ? wbFlush(w) : SQLITE_OK;
}

static int wbShmMap(sqlite3_file *f, int i, int sz, int extend, void volatile **pp) {
  return REAL(f)->pMethods->xShmMap(REAL(f), i, sz, extend, pp);
}

static int wbShmLock(sqlite3_file *f, int ofst, int n, int flags) {
  if ((flags & SQLITE_SHM_UNLOCK) && ofst <= WAL_WRITE_LOCK && WAL_WRITE_LOCK < ofst + n) {
    int rc = walHeldWritten(f);
    if (rc) return rc;
  }
  return REAL(f)->pMethods->xShmLock(REAL(f), ofst, n, flags);
}

static void wbShmBarrier(sqlite3_file *f) {
  /* An error here cannot be returned: wbFlush keeps it and the WAL's next operation fails with it. */
  walHeldWritten(f);
  REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int wbShmUnmap(sqlite3_file *f, int del) { return REAL(f)->pMethods->xShmUnmap(REAL(f), del); }
static int wbFetch(sqlite3_file *f, sqlite3_int64 ofst, int n, void **pp) {
  int rc = heldWritten((WbFile *)f);
  if (rc) return rc;
  return REAL(f)->pMethods->xFetch(REAL(f), ofst, n, pp);
}
static int wbUnfetch(sqlite3_file *f, sqlite3_int64 ofst, void *pp) { return REAL(f)->pMethods->xUnfetch(REAL(f), ofst, pp); }

static int wbOpen(sqlite3_vfs *vfs, const char *zName, sqlite3_file *f, int flags, int *pOutFlags) {
  WbFile *p = (WbFile *)f;
  int rc;
  (void)vfs;
  memset(p, 0, sizeof(*p));
  p->real = (sqlite3_file *)&p[1];
  rc = gRoot->xOpen(gRoot, zName, p->real, flags, pOutFlags);
  if (rc != SQLITE_OK || p->real->pMethods == 0) {
    p->base.pMethods = 0;
    return rc;
  }
  p->base.pMethods = &gIo;
  if (zName && (flags & SQLITE_OPEN_WAL)) {
    const char *zDb = sqlite3_filename_database(zName);
    WbFile *d;
    p->isWal = 1;
    pthread_mutex_lock(&gMutex);
    for (d = gDbFiles; d; d = d->pNext) {
      if (d->zName == zDb) {
        d->pWal = p;
        p->pDb = d;
        break;
      }
    }
    pthread_mutex_unlock(&gMutex);
  } else if (zName && (flags & SQLITE_OPEN_MAIN_DB)) {
    p->zName = zName;
    pthread_mutex_lock(&gMutex);
    p->pNext = gDbFiles;
    gDbFiles = p;
    pthread_mutex_unlock(&gMutex);
  }
  return SQLITE_OK;
}

static int wbDelete(sqlite3_vfs *v, const char *z, int syncDir) { (void)v; return gRoot->xDelete(gRoot, z, syncDir); }
static int wbAccess(sqlite3_vfs *v, const char *z, int flags, int *pRes) { (void)v; return gRoot->xAccess(gRoot, z, flags, pRes); }
static int wbFullPathname(sqlite3_vfs *v, const char *z, int n, char *zOut) { (void)v; return gRoot->xFullPathname(gRoot, z, n, zOut); }
static void *wbDlOpen(sqlite3_vfs *v, const char *z) { (void)v; return gRoot->xDlOpen(gRoot, z); }
static void wbDlError(sqlite3_vfs *v, int n, char *z) { (void)v; gRoot->xDlError(gRoot, n, z); }
static void (*wbDlSym(sqlite3_vfs *v, void *h, const char *z))(void) { (void)v; return gRoot->xDlSym(gRoot, h, z); }
static void wbDlClose(sqlite3_vfs *v, void *h) { (void)v; gRoot->xDlClose(gRoot, h); }
static int wbRandomness(sqlite3_vfs *v, int n, char *z) { (void)v; return gRoot->xRandomness(gRoot, n, z); }
static int wbSleep(sqlite3_vfs *v, int us) { (void)v; return gRoot->xSleep(gRoot, us); }
static int wbCurrentTime(sqlite3_vfs *v, double *t) { (void)v; return gRoot->xCurrentTime(gRoot, t); }
static int wbGetLastError(sqlite3_vfs *v, int n, char *z) { (void)v; return gRoot->xGetLastError(gRoot, n, z); }
static int wbCurrentTimeInt64(sqlite3_vfs *v, sqlite3_int64 *t) { (void)v; return gRoot->xCurrentTimeInt64(gRoot, t); }
static int wbSetSystemCall(sqlite3_vfs *v, const char *z, sqlite3_syscall_ptr f) { (void)v; return gRoot->xSetSystemCall(gRoot, z, f); }
static sqlite3_syscall_ptr wbGetSystemCall(sqlite3_vfs *v, const char *z) { (void)v; return gRoot->xGetSystemCall(gRoot, z); }
static const char *wbNextSystemCall(sqlite3_vfs *v, const char *z) { (void)v; return gRoot->xNextSystemCall(gRoot, z); }

static void statsFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx,
    sqlite3_mprintf("{\"frames_held\":%lld,\"wal_writes\":%lld,\"flushes\":%lld}",
      __atomic_load_n(&gFramesHeld, __ATOMIC_RELAXED), __atomic_load_n(&gWalWrites, __ATOMIC_RELAXED),
      __atomic_load_n(&gFlushes, __ATOMIC_RELAXED)),
    -1, sqlite3_free);
}

/* Every connection opened after the extension was loaded gets walbuf_stats(). */
static int connectionInit(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  (void)pzErrMsg;
  (void)pApi;
  return sqlite3_create_function(db, "walbuf_stats", 0, SQLITE_UTF8, 0, statsFunc, 0, 0);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_walbuf_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  (void)db;
  SQLITE_EXTENSION_INIT2(pApi);
  if (sqlite3_vfs_find("walbuf")) return SQLITE_OK_LOAD_PERMANENTLY;
  gRoot = sqlite3_vfs_find(0);
  if (!gRoot || gRoot->iVersion < 3) {
    *pzErrMsg = sqlite3_mprintf("walbuf: the default VFS is missing or too old");
    return SQLITE_ERROR;
  }
  gIo.iVersion = 3;
  gIo.xClose = wbClose;
  gIo.xRead = wbRead;
  gIo.xWrite = wbWrite;
  gIo.xTruncate = wbTruncate;
  gIo.xSync = wbSync;
  gIo.xFileSize = wbFileSize;
  gIo.xLock = wbLock;
  gIo.xUnlock = wbUnlock;
  gIo.xCheckReservedLock = wbCheckReservedLock;
  gIo.xFileControl = wbFileControl;
  gIo.xSectorSize = wbSectorSize;
  gIo.xDeviceCharacteristics = wbDeviceCharacteristics;
  gIo.xShmMap = wbShmMap;
  gIo.xShmLock = wbShmLock;
  gIo.xShmBarrier = wbShmBarrier;
  gIo.xShmUnmap = wbShmUnmap;
  gIo.xFetch = wbFetch;
  gIo.xUnfetch = wbUnfetch;

  gVfs.iVersion = 3;
  gVfs.szOsFile = (int)sizeof(WbFile) + gRoot->szOsFile;
  gVfs.mxPathname = gRoot->mxPathname;
  gVfs.zName = "walbuf";
  gVfs.xOpen = wbOpen;
  gVfs.xDelete = wbDelete;
  gVfs.xAccess = wbAccess;
  gVfs.xFullPathname = wbFullPathname;
  gVfs.xDlOpen = wbDlOpen;
  gVfs.xDlError = wbDlError;
  gVfs.xDlSym = wbDlSym;
  gVfs.xDlClose = wbDlClose;
  gVfs.xRandomness = wbRandomness;
  gVfs.xSleep = wbSleep;
  gVfs.xCurrentTime = wbCurrentTime;
  gVfs.xGetLastError = wbGetLastError;
  gVfs.xCurrentTimeInt64 = wbCurrentTimeInt64;
  gVfs.xSetSystemCall = wbSetSystemCall;
  gVfs.xGetSystemCall = wbGetSystemCall;
  gVfs.xNextSystemCall = wbNextSystemCall;
  {
    int rc = sqlite3_vfs_register(&gVfs, 1);
    if (rc == SQLITE_OK) rc = sqlite3_auto_extension((void (*)(void))connectionInit);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK_LOAD_PERMANENTLY;
}
