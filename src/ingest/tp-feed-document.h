/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  TP_FEED_FORMAT_UNKNOWN,
  TP_FEED_FORMAT_RSS_0_9,   /* RSS 0.90 (RDF) to 0.94 */
  TP_FEED_FORMAT_RSS_1_0,   /* RDF Site Summary */
  TP_FEED_FORMAT_RSS_2_0,
  TP_FEED_FORMAT_ATOM,
  TP_FEED_FORMAT_JSON,      /* JSON Feed 1.0 and 1.1 */
} TpFeedFormat;

/**
 * TpFeedEntry:
 *
 * One item of a feed. Strings are UTF-8 or %NULL; @summary and @content
 * are plain text (markup reduced to its text); @published and @updated are
 * RFC 3339 in UTC; @link is absolute whenever the feed gave a base to
 * resolve it against.
 */
typedef struct _TpFeedEntry TpFeedEntry;

struct _TpFeedEntry
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  char *id;
  char *title;
  char *link;
  char *author;
  char *published;
  char *updated;
  char *summary;
  char *content;
};

/**
 * TpFeedDocument:
 *
 * A parsed feed document: its own metadata and its entries in document
 * order. (The subscription kept in the library is the store's TpFeed.)
 */
typedef struct _TpFeedDocument TpFeedDocument;

struct _TpFeedDocument
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  TpFeedFormat  format;
  char         *title;
  char         *link;
  char         *language;
  char         *updated;
  char         *description;
  GPtrArray    *entries;     /* (element-type TpFeedEntry) */
};

#define TP_TYPE_FEED_ENTRY (tp_feed_entry_get_type ())
#define TP_TYPE_FEED_DOCUMENT (tp_feed_document_get_type ())

GType        tp_feed_entry_get_type (void) G_GNUC_CONST;
TpFeedEntry *tp_feed_entry_new      (void);
TpFeedEntry *tp_feed_entry_ref      (TpFeedEntry *self);
void         tp_feed_entry_unref    (TpFeedEntry *self);

GType        tp_feed_document_get_type (void) G_GNUC_CONST;
TpFeedDocument *tp_feed_document_new   (void);
TpFeedDocument *tp_feed_document_ref   (TpFeedDocument *self);
void            tp_feed_document_unref (TpFeedDocument *self);
const char  *tp_feed_format_to_string (TpFeedFormat format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpFeedEntry, tp_feed_entry_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpFeedDocument, tp_feed_document_unref)

G_END_DECLS
