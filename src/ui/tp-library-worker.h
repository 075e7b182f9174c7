/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tp-article.h"
#include "tp-lexicon.h"
#include "tp-statement.h"
#include "tp-store.h"

G_BEGIN_DECLS

/* Filters as the views keep them: owned strings, empty or NULL for "any". */
typedef struct
{
  char  *query;
  char  *outlet;
  char  *language;
  char  *tag;
  char  *date_from;
  char  *date_until;
  guint  review_mask;
} TpLibraryFilter;

TpLibraryFilter *tp_library_filter_new   (void);
TpLibraryFilter *tp_library_filter_copy  (const TpLibraryFilter *self);
void             tp_library_filter_free  (TpLibraryFilter       *self);
gboolean         tp_library_filter_equal (const TpLibraryFilter *a,
                                          const TpLibraryFilter *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpLibraryFilter, tp_library_filter_free)

/* The count and first page of a list of articles, read on whichever thread
 * has the library open: a window reads the Library view's first page while
 * it is still being drawn, instead of after. */
typedef struct
{
  TpLibraryFilter *filter;
  gint64           count;
  GPtrArray       *page;   /* (element-type TpArticleSummary) */
} TpLibraryFirstPage;

TpLibraryFirstPage *tp_library_first_page_read (TpStore                *store,
                                                const TpLibraryFilter  *filter,
                                                guint                   limit,
                                                GError                **error);
void                tp_library_first_page_free (TpLibraryFirstPage     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpLibraryFirstPage, tp_library_first_page_free)

/* Something to import: a file, or text (pasted, dropped or from the sample
 * library) with optional metadata that overrides what the loader found. */
typedef struct
{
  GFile  *file;
  GBytes *text;
  char   *label;
  char   *title;
  char   *outlet;
  char   *language;
  char   *published;
} TpImportSource;

TpImportSource *tp_import_source_new_for_file (GFile          *file);
TpImportSource *tp_import_source_new_for_text (const char     *text,
                                               gssize          len);
void            tp_import_source_free         (TpImportSource *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpImportSource, tp_import_source_free)

typedef struct
{
  guint      imported;
  guint      duplicates;
  guint      failed;
  GPtrArray *failures;     /* (element-type utf8) "name: reason" */
  GArray    *article_ids;  /* gint64, the imported articles */
  gboolean   cancelled;
} TpImportReport;

void tp_import_report_free (TpImportReport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpImportReport, tp_import_report_free)

typedef void (*TpImportProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* An article with every statement in it, rejected ones included. */
typedef struct
{
  TpArticle *article;
  GPtrArray *statements;  /* (element-type TpStatement) by start offset */
} TpArticleDocument;

void tp_article_document_free (TpArticleDocument *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpArticleDocument, tp_article_document_free)

/* Outlets and languages present in the library, for filter menus. */
typedef struct
{
  GStrv outlets;
  GStrv languages;
  GStrv tags;
} TpLibraryFacets;

void tp_library_facets_free (TpLibraryFacets *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpLibraryFacets, tp_library_facets_free)

/* A comparison: topics × sides → statements, newest first. */
typedef struct
{
  TpLexicon  *lexicon;
  GPtrArray  *sides;      /* (element-type TpLexiconSide) owned by @lexicon, by order */
  GPtrArray  *topics;     /* (element-type TpLexiconTopic) owned by @lexicon */
  GPtrArray  *cells;      /* (element-type GListStore of TpStatementRow),
                           * index topic * sides->len + side */
  GArray     *totals;     /* guint per cell: statements matching, beyond those listed */
  GPtrArray  *timelines;  /* (element-type GPtrArray of TpStatementRow) per side */
  TpLibraryFilter *filter; /* what the comparison was built with */
} TpComparisonGrid;

void        tp_comparison_grid_free      (TpComparisonGrid *self);
GListStore *tp_comparison_grid_get_cell  (TpComparisonGrid *self,
                                          guint             topic,
                                          guint             side);
guint       tp_comparison_grid_get_total (TpComparisonGrid *self,
                                          guint             topic,
                                          guint             side);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpComparisonGrid, tp_comparison_grid_free)

#define TP_TYPE_LIBRARY_WORKER (tp_library_worker_get_type ())

G_DECLARE_FINAL_TYPE (TpLibraryWorker, tp_library_worker, TP, LIBRARY_WORKER, GObject)

TpLibraryWorker *tp_library_worker_new            (const char       *path);
const char      *tp_library_worker_get_path       (TpLibraryWorker  *self);

void             tp_library_worker_count_articles_async  (TpLibraryWorker       *self,
                                                          const TpLibraryFilter *filter,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gint64           tp_library_worker_count_articles_finish (TpLibraryWorker       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
void             tp_library_worker_list_articles_async   (TpLibraryWorker       *self,
                                                          const TpLibraryFilter *filter,
                                                          guint                  offset,
                                                          guint                  limit,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
GPtrArray       *tp_library_worker_list_articles_finish  (TpLibraryWorker       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
void             tp_library_worker_list_facets_async     (TpLibraryWorker       *self,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
TpLibraryFacets *tp_library_worker_list_facets_finish    (TpLibraryWorker       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
void             tp_library_worker_load_lexicon_async    (TpLibraryWorker       *self,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
TpLexicon       *tp_library_worker_load_lexicon_finish   (TpLibraryWorker       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
void             tp_library_worker_load_article_async    (TpLibraryWorker       *self,
                                                          gint64                 article_id,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
TpArticleDocument *tp_library_worker_load_article_finish (TpLibraryWorker       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
void             tp_library_worker_save_statement_async  (TpLibraryWorker       *self,
                                                          TpStatement           *statement,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gint64           tp_library_worker_save_statement_finish (TpLibraryWorker       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
void             tp_library_worker_delete_articles_async (TpLibraryWorker       *self,
                                                          GArray                *article_ids,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean         tp_library_worker_delete_articles_finish (TpLibraryWorker      *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
void             tp_library_worker_import_async          (TpLibraryWorker       *self,
                                                          GPtrArray             *sources,
                                                          TpImportProgressFunc   progress,
                                                          gpointer               progress_data,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
TpImportReport  *tp_library_worker_import_finish         (TpLibraryWorker       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
void             tp_library_worker_compare_async         (TpLibraryWorker       *self,
                                                          const TpLibraryFilter *filter,
                                                          guint                  per_cell,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
TpComparisonGrid *tp_library_worker_compare_finish       (TpLibraryWorker       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
void             tp_library_worker_reattribute_async     (TpLibraryWorker       *self,
                                                          TpImportProgressFunc   progress,
                                                          gpointer               progress_data,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
guint            tp_library_worker_reattribute_finish    (TpLibraryWorker       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);

/* Runs @job on a worker thread with that thread's store; for edits that
 * need several store calls in a row, such as saving an actor and aliases. */
typedef gboolean (*TpStoreJob) (TpStore  *store,
                                gpointer  data,
                                GError  **error);

void             tp_library_worker_run_async             (TpLibraryWorker       *self,
                                                          TpStoreJob             job,
                                                          gpointer               job_data,
                                                          GDestroyNotify         job_data_free,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean         tp_library_worker_run_finish            (TpLibraryWorker       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);

GPtrArray       *tp_library_worker_dup_sample_sources    (GError               **error);

G_END_DECLS
