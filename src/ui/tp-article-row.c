/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-article-row"

#include "config.h"

#include "tp-article-row.h"

/* One row of the library list. The list model hands out rows before their
 * page has been read from the store; the row's summary arrives later and is
 * announced through notify::summary so the bound cells fill themselves in. */
struct _TpArticleRow
{
  GObject           parent_instance;

  TpArticleSummary *summary;
};

enum {
  PROP_0,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TpArticleRow, tp_article_row, G_TYPE_OBJECT)

/* GObject overrides */

static void
tp_article_row_finalize (GObject *object)
{
  TpArticleRow *self = TP_ARTICLE_ROW (object);

  g_clear_pointer (&self->summary, tp_article_summary_unref);

  G_OBJECT_CLASS (tp_article_row_parent_class)->finalize (object);
}

static void
tp_article_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TpArticleRow *self = TP_ARTICLE_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_boxed (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_article_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TpArticleRow *self = TP_ARTICLE_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      tp_article_row_set_summary (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_article_row_class_init (TpArticleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tp_article_row_finalize;
  object_class->get_property = tp_article_row_get_property;
  object_class->set_property = tp_article_row_set_property;

  properties[PROP_SUMMARY] =
    g_param_spec_boxed ("summary", NULL, NULL, TP_TYPE_ARTICLE_SUMMARY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tp_article_row_init (TpArticleRow *self)
{
}

/* Public API */

TpArticleRow *
tp_article_row_new (void)
{
  return g_object_new (TP_TYPE_ARTICLE_ROW, NULL);
}

/**
 * tp_article_row_get_summary:
 *
 * Returns: (nullable) (transfer none): the article, or %NULL while its page
 *   is still being read
 */
TpArticleSummary *
tp_article_row_get_summary (TpArticleRow *self)
{
  g_return_val_if_fail (TP_IS_ARTICLE_ROW (self), NULL);
  return self->summary;
}

void
tp_article_row_set_summary (TpArticleRow     *self,
                            TpArticleSummary *summary)
{
  g_return_if_fail (TP_IS_ARTICLE_ROW (self));

  if (self->summary == summary)
    return;
  g_clear_pointer (&self->summary, tp_article_summary_unref);
  if (summary != NULL)
    self->summary = tp_article_summary_ref (summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

gint64
tp_article_row_get_id (TpArticleRow *self)
{
  g_return_val_if_fail (TP_IS_ARTICLE_ROW (self), 0);

  return self->summary != NULL ? self->summary->article->id : 0;
}
