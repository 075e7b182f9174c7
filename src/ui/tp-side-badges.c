/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-side-badges"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "tp-side-badges.h"
#include "tp-ui-private.h"

/* An article's statements per side, as one coloured pill per side with the
 * count in it; a side with none is faded. The Library list shows one in
 * each of its (up to 200) rows, so it is one widget that draws its pills
 * itself rather than a box of labels, which made every row four widgets
 * heavier to create, style and measure. Its size comes from the width of
 * one figure in its font, measured once per font; the figures are laid out
 * only when a row is drawn, so the rows kept off screen cost no text
 * shaping. */

#define PAD_X 6         /* inside a pill, left and right */
#define PAD_Y 1         /* inside a pill, above and below */
#define MIN_PILL 22     /* narrowest pill */
#define SPACING 4       /* between pills */
#define RADIUS 9.0
#define EMPTY_OPACITY 0.35

typedef struct
{
  char        *side_key;
  guint        count;
  guint        n_digits;
  gboolean     plain;     /* no sides known: the count as text, no pill */
  GdkRGBA      background;
  GdkRGBA      text;
  PangoLayout *layout;    /* made when first drawn */
} Badge;

struct _TpSideBadges
{
  GtkWidget  parent_instance;

  GArray    *badges;       /* Badge */
  char      *description;  /* "Moscow: 1 statement\nKyiv: 2 statements", or NULL */
};

G_DEFINE_FINAL_TYPE (TpSideBadges, tp_side_badges, GTK_TYPE_WIDGET)

/* Auxiliary methods */

static void
badge_clear (gpointer data)
{
  Badge *badge = data;

  g_clear_pointer (&badge->side_key, g_free);
  g_clear_object (&badge->layout);
}

static void
add_badge (TpSideBadges  *self,
           const char    *side_key,
           guint          count,
           const GdkRGBA *background,
           const GdkRGBA *text)
{
  Badge badge = { 0 };

  badge.side_key = g_strdup (side_key);
  badge.count = count;
  badge.n_digits = 1;
  for (guint n = count; n >= 10; n /= 10)
    badge.n_digits++;
  badge.plain = background == NULL;
  if (background != NULL)
    {
      badge.background = *background;
      badge.text = *text;
    }
  g_array_append_val (self->badges, badge);
}

/* A pill's figures are small, bold and of one width (tabular), so columns
 * of counts line up; a plain count is the widget's own text. */
static PangoLayout *
make_layout (GtkWidget  *widget,
             gboolean    plain,
             const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  if (!plain)
    {
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
    }
  pango_layout_set_attributes (layout, attrs);
  return layout;
}

/* The size of one figure in the widget's font, measured once per font,
 * resolution and kind of badge for all the badges of the process. */
static void
figure_size (GtkWidget *widget,
             gboolean   plain,
             int       *width,
             int       *height)
{
  static GHashTable *sizes;  /* "plain resolution font" → int[2]; main thread only */
  PangoContext *context = gtk_widget_get_pango_context (widget);
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));
  g_autofree char *key = g_strdup_printf ("%d %g %s", plain,
                                          pango_cairo_context_get_resolution (context), font);
  int *size;

  if (sizes == NULL)
    sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  size = g_hash_table_lookup (sizes, key);
  if (size == NULL)
    {
      g_autoptr(PangoLayout) layout = make_layout (widget, plain, "0");

      size = g_new (int, 2);
      pango_layout_get_pixel_size (layout, &size[0], &size[1]);
      g_hash_table_insert (sizes, g_steal_pointer (&key), size);
    }
  *width = size[0];
  *height = size[1];
}

static void
badge_size (GtkWidget   *widget,
            const Badge *badge,
            int         *width,
            int         *height)
{
  int figure_width, figure_height;

  figure_size (widget, badge->plain, &figure_width, &figure_height);
  if (badge->plain)
    {
      *width = figure_width * badge->n_digits;
      *height = figure_height;
      return;
    }
  *width = MAX (MIN_PILL, figure_width * (int) badge->n_digits + 2 * PAD_X);
  *height = figure_height + 2 * PAD_Y;
}

/* GtkWidget overrides */

static void
tp_side_badges_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  TpSideBadges *self = TP_SIDE_BADGES (widget);
  int size = 0;

  for (guint i = 0; i < self->badges->len; i++)
    {
      int width, height;

      badge_size (widget, &g_array_index (self->badges, Badge, i), &width, &height);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        size += width + (i > 0 ? SPACING : 0);
      else
        size = MAX (size, height);
    }
  *minimum = *natural = size;
}

static void
tp_side_badges_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  TpSideBadges *self = TP_SIDE_BADGES (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int widget_width = gtk_widget_get_width (widget);
  int widget_height = gtk_widget_get_height (widget);
  GdkRGBA plain_color;
  int x = 0;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &plain_color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint i = 0; i < self->badges->len; i++)
    {
      Badge *badge = &g_array_index (self->badges, Badge, i);
      int width, height, text_width, text_height;
      float left, top;

      badge_size (widget, badge, &width, &height);
      if (badge->layout == NULL)
        {
          char digits[16];

          g_snprintf (digits, sizeof digits, "%u", badge->count);
          badge->layout = make_layout (widget, badge->plain, digits);
        }
      pango_layout_get_pixel_size (badge->layout, &text_width, &text_height);
      left = rtl ? widget_width - x - width : x;
      top = (widget_height - height) / 2.0f;
      x += width + SPACING;

      if (badge->count == 0 && !badge->plain)
        gtk_snapshot_push_opacity (snapshot, EMPTY_OPACITY);
      if (!badge->plain)
        {
          GskRoundedRect pill;

          gsk_rounded_rect_init_from_rect (&pill, &GRAPHENE_RECT_INIT (left, top, width, height),
                                           MIN (RADIUS, height / 2.0));
          gtk_snapshot_push_rounded_clip (snapshot, &pill);
          gtk_snapshot_append_color (snapshot, &badge->background, &pill.bounds);
          gtk_snapshot_pop (snapshot);
        }
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (left + (width - text_width) / 2.0f,
                                                    top + (height - text_height) / 2.0f));
      gtk_snapshot_append_layout (snapshot, badge->layout,
                                  badge->plain ? &plain_color : &badge->text);
      gtk_snapshot_restore (snapshot);
      if (badge->count == 0 && !badge->plain)
        gtk_snapshot_pop (snapshot);
    }
}

static void
tp_side_badges_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  TpSideBadges *self = TP_SIDE_BADGES (widget);

  GTK_WIDGET_CLASS (tp_side_badges_parent_class)->css_changed (widget, change);
  /* A new font or text scale: the figures are laid out again when drawn. */
  for (guint i = 0; i < self->badges->len; i++)
    g_clear_object (&g_array_index (self->badges, Badge, i).layout);
  gtk_widget_queue_resize (widget);
}

static gboolean
tp_side_badges_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  TpSideBadges *self = TP_SIDE_BADGES (widget);

  if (self->description == NULL || *self->description == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->description);
  return TRUE;
}

/* GObject overrides */

static void
tp_side_badges_finalize (GObject *object)
{
  TpSideBadges *self = TP_SIDE_BADGES (object);

  g_clear_pointer (&self->badges, g_array_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (tp_side_badges_parent_class)->finalize (object);
}

static void
tp_side_badges_class_init (TpSideBadgesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tp_side_badges_finalize;

  widget_class->measure = tp_side_badges_measure;
  widget_class->snapshot = tp_side_badges_snapshot;
  widget_class->css_changed = tp_side_badges_css_changed;
  widget_class->query_tooltip = tp_side_badges_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "side-badges");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tp_side_badges_init (TpSideBadges *self)
{
  self->badges = g_array_new (FALSE, TRUE, sizeof (Badge));
  g_array_set_clear_func (self->badges, badge_clear);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/* Public API */

GtkWidget *
tp_side_badges_new (void)
{
  return g_object_new (TP_TYPE_SIDE_BADGES, NULL);
}

/**
 * tp_side_badges_set:
 * @lexicon: (nullable): the library's lexicon, for its sides, their order,
 *   names and colours
 * @summary: (nullable): the article's counts; %NULL shows nothing
 *
 * Shows @summary's statements per side of @lexicon; without sides, the
 * number of statements.
 */
void
tp_side_badges_set (TpSideBadges     *self,
                    TpLexicon        *lexicon,
                    TpArticleSummary *summary)
{
  GPtrArray *sides = lexicon != NULL ? tp_lexicon_get_sides (lexicon) : NULL;
  g_autoptr(GString) description = NULL;

  g_return_if_fail (TP_IS_SIDE_BADGES (self));

  g_array_set_size (self->badges, 0);
  g_clear_pointer (&self->description, g_free);
  if (summary != NULL && (sides == NULL || sides->len == 0))
    add_badge (self, NULL, summary->n_statements, NULL, NULL);
  else if (summary != NULL)
    {
      description = g_string_new (NULL);
      for (guint i = 0; i < sides->len; i++)
        {
          const TpLexiconSide *side = g_ptr_array_index (sides, i);
          guint n = tp_article_summary_get_side_count (summary, side->key);
          GdkRGBA background, text;

          _tp_side_badge_colors (side, &background, &text);
          add_badge (self, side->key, n, &background, &text);
          if (description->len > 0)
            g_string_append (description, "\n");
          /* Translators: tooltip of a badge in the article list: "Moscow: 3 statements" */
          g_string_append_printf (description, ngettext ("%s: %u statement", "%s: %u statements", n),
                                  _tp_side_display_name (side), n);
        }
      self->description = g_string_free (g_steal_pointer (&description), FALSE);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->description != NULL ? self->description : "", -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * tp_side_badges_get_count:
 *
 * Returns: the count shown for @side_key, or -1 when it has no badge
 */
int
tp_side_badges_get_count (TpSideBadges *self,
                          const char   *side_key)
{
  g_return_val_if_fail (TP_IS_SIDE_BADGES (self), -1);

  for (guint i = 0; i < self->badges->len; i++)
    {
      Badge *badge = &g_array_index (self->badges, Badge, i);

      if (g_strcmp0 (badge->side_key, side_key) == 0)
        return (int) badge->count;
    }
  return -1;
}

/**
 * tp_side_badges_get_description:
 *
 * Returns: (nullable): what the badges say, one side a line, as the
 *   tooltip and screen readers give it
 */
const char *
tp_side_badges_get_description (TpSideBadges *self)
{
  g_return_val_if_fail (TP_IS_SIDE_BADGES (self), NULL);
  return self->description;
}
