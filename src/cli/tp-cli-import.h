/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tp-article.h"
#include "tp-lexicon.h"

G_BEGIN_DECLS

/* Loads source @index on a worker thread. May return %NULL without an
 * error to have the caller load it on its own thread (sources that must
 * not be read concurrently, such as web pages through one session). */
typedef TpArticle *(*TpCliLoadFunc) (guint      index,
                                     gpointer   user_data,
                                     GError   **error);

/* `import` commits its articles in batches of at most this many articles
 * or this many seconds, whichever comes first; `bench` times the same
 * rule. A commit writes every index page the batch touched, and at a
 * newsroom's size the articles of a batch (dated all over the years) touch
 * most pages of the date-ordered indexes: fewer, larger batches write each
 * page fewer times. Two seconds keep the progress lines coming and keep
 * other writers (the GUI's tags and notes) waiting well under the store's
 * busy timeout. */
#define TP_CLI_IMPORT_BATCH_SIZE 2000
#define TP_CLI_IMPORT_BATCH_SECONDS 2

typedef struct _TpCliPipeline TpCliPipeline;

TpCliPipeline *tp_cli_pipeline_new          (guint           n_sources,
                                             TpCliLoadFunc   load,
                                             gpointer        user_data,
                                             TpLexicon      *lexicon);
void           tp_cli_pipeline_set_lexicon  (TpCliPipeline  *self,
                                             TpLexicon      *lexicon);
gboolean       tp_cli_pipeline_next         (TpCliPipeline  *self,
                                             guint          *out_index,
                                             TpArticle     **out_article,
                                             GPtrArray     **out_statements,
                                             GError        **error);
void           tp_cli_pipeline_free         (TpCliPipeline  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpCliPipeline, tp_cli_pipeline_free)

G_END_DECLS
