/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tp-article.h"

G_BEGIN_DECLS

#define TP_INGEST_ERROR (tp_ingest_error_quark ())

typedef enum
{
  TP_INGEST_ERROR_NOT_FOUND,    /* the file does not exist or cannot be read */
  TP_INGEST_ERROR_EMPTY,        /* nothing but whitespace */
  TP_INGEST_ERROR_BINARY,       /* not text (NUL bytes, an image, an archive...) */
  TP_INGEST_ERROR_ENCODING,     /* text that cannot be decoded */
  TP_INGEST_ERROR_TOO_LARGE,    /* over the size cap */
  TP_INGEST_ERROR_NO_TEXT,      /* only captions, navigation or markup: nothing to analyse */
  TP_INGEST_ERROR_PARSE,        /* malformed beyond recovery */
  TP_INGEST_ERROR_CANCELLED,
} TpIngestError;

/* Largest source accepted, in bytes. */
#define TP_INGEST_MAX_BYTES (64 * 1024 * 1024)
/* Largest HTML page accepted: a page is parsed into a tree several times
 * its size, and no article page comes near this. */
#define TP_INGEST_MAX_HTML_BYTES (16 * 1024 * 1024)

GQuark      tp_ingest_error_quark (void);

TpArticle  *tp_source_load_file   (GFile        *file,
                                   GCancellable *cancellable,
                                   GError      **error);
TpArticle  *tp_source_load_bytes  (GBytes       *bytes,
                                   const char   *content_type,
                                   const char   *charset,
                                   const char   *url,
                                   TpOrigin      origin,
                                   GError      **error);

G_END_DECLS
