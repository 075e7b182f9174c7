/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-report-layout"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "tp-report-layout.h"
#include "tp-report-private.h"

/* Fontconfig picks the first family that has a glyph, so this list covers
 * Vietnamese, Cyrillic and Latin on any desktop that has one of them. */
#define FONT_FAMILIES "Noto Sans,DejaVu Sans,Liberation Sans,sans-serif"

#define CELL_PAD      5.0
#define BLOCK_GAP     7.0
#define BAR_WIDTH     2.5
#define BAR_SPACE     5.0
#define HEADING_H     22.0
#define FOOTER_H      16.0
/* Below this much room, a new row starts on the next page instead. */
#define MIN_ROW_START 60.0

typedef struct
{
  PangoLayout *layout;   /* owned by the block's @parts */
  int          index;    /* the line in @layout */
  double       x;
  double       top;
  double       height;
  double       baseline;
} LineBox;

/* Statement blocks are stacked from parts separated by this character:
 * the text, the speaker line, the citation, the review status, tags and
 * notes. Parts repeat a lot (a citation for every statement of an article,
 * the same review label everywhere), so each part is laid out once per
 * measuring thread and shared. */
#define PART_SEPARATOR "\x1e"

typedef struct
{
  char        *markup;   /* until measured */
  GPtrArray   *parts;    /* PangoLayout, shared with other blocks */
  GArray      *lines;    /* LineBox */
  double       height;
  gboolean     bar;      /* a statement (with a side bar), not a remark */
} Block;

typedef struct
{
  GPtrArray *blocks;     /* Block */
} Cell;

typedef struct
{
  PangoLayout *label;
  double       label_height;
  Cell        *cells;    /* one per side */
} Row;

typedef struct
{
  guint block;
  guint line;
} Cursor;

typedef struct
{
  guint    row;
  double   y;
  double   height;
  gboolean continued;
  Cursor  *from;         /* per side */
  Cursor  *to;
} Slice;

typedef struct
{
  GArray *slices;        /* Slice */
} Page;

struct _TpReportLayout
{
  GObject parent_instance;

  PangoContext *context;
  double        page_width;
  double        page_height;
  double        margin;

  guint         n_sides;
  char        **side_colors;
  PangoLayout **side_names;
  PangoLayout  *topic_heading;
  PangoLayout  *title;
  PangoLayout  *meta;
  PangoLayout  *running_title;
  PangoLayout  *empty;
  double        header_height;     /* page 1, above the table */
  double        running_height;    /* later pages, above the table */

  double        topic_width;
  double        side_width;

  GPtrArray    *rows;              /* Row */
  GPtrArray    *pages;             /* Page */
  char         *generated;
  gboolean      is_empty;
};

G_DEFINE_FINAL_TYPE (TpReportLayout, tp_report_layout, G_TYPE_OBJECT)

/* Auxiliary methods */

static void
block_free (Block *block)
{
  g_free (block->markup);
  g_clear_pointer (&block->parts, g_ptr_array_unref);
  g_clear_pointer (&block->lines, g_array_unref);
  g_free (block);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->label);
  g_free (row->cells);
  g_free (row);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  for (guint i = 0; i < page->slices->len; i++)
    {
      Slice *slice = &g_array_index (page->slices, Slice, i);

      g_free (slice->from);
      g_free (slice->to);
    }
  g_array_unref (page->slices);
  g_free (page);
}

static void
set_source_hex (cairo_t    *cr,
                const char *color,
                double      tint)
{
  guint r, g, b;

  color = _tp_report_safe_color (color);
  if (strlen (color) == 4)
    {
      r = g_ascii_xdigit_value (color[1]) * 17;
      g = g_ascii_xdigit_value (color[2]) * 17;
      b = g_ascii_xdigit_value (color[3]) * 17;
    }
  else
    {
      r = g_ascii_xdigit_value (color[1]) * 16 + g_ascii_xdigit_value (color[2]);
      g = g_ascii_xdigit_value (color[3]) * 16 + g_ascii_xdigit_value (color[4]);
      b = g_ascii_xdigit_value (color[5]) * 16 + g_ascii_xdigit_value (color[6]);
    }
  /* tint 0 is the colour itself, 1 is white */
  cairo_set_source_rgb (cr,
                        (r + (255 - r) * tint) / 255.0,
                        (g + (255 - g) * tint) / 255.0,
                        (b + (255 - b) * tint) / 255.0);
}

static gboolean
is_light (const char *color)
{
  guint r, g, b;

  color = _tp_report_safe_color (color);
  if (strlen (color) == 4)
    return TRUE;
  r = g_ascii_xdigit_value (color[1]) * 16 + g_ascii_xdigit_value (color[2]);
  g = g_ascii_xdigit_value (color[3]) * 16 + g_ascii_xdigit_value (color[4]);
  b = g_ascii_xdigit_value (color[5]) * 16 + g_ascii_xdigit_value (color[6]);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0 > 0.55;
}

static PangoLayout *
make_layout_in (PangoContext *context,
                double        size,
                double        width,
                const char   *markup)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILIES);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static PangoLayout *
make_layout (TpReportLayout *self,
             double          size,
             double          width,
             const char     *markup)
{
  return make_layout_in (self->context, size, width, markup);
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return pango_units_to_double (h);
}

/* A block is made with its markup and measured later, all blocks at once,
 * so that measuring can be shared between threads. */
static Block *
make_block (TpReportLayout *self,
            char           *markup,
            gboolean        bar)
{
  Block *block = g_new0 (Block, 1);

  block->markup = markup;
  block->bar = bar;
  return block;
}

static void
measure_block (Block        *block,
               PangoContext *context,
               GHashTable   *cache,
               double        width)
{
  g_auto(GStrv) parts = g_strsplit (block->markup, PART_SEPARATOR, -1);
  double top = 0;

  g_clear_pointer (&block->markup, g_free);
  block->parts = g_ptr_array_new_with_free_func (g_object_unref);
  block->lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  for (guint p = 0; parts[p] != NULL; p++)
    {
      PangoLayout *layout = g_hash_table_lookup (cache, parts[p]);
      PangoLayoutIter *iter;
      int line = 0;

      if (layout == NULL)
        {
          layout = make_layout_in (context, 9.5, width, parts[p]);
          g_hash_table_insert (cache, g_strdup (parts[p]), layout);
        }
      g_ptr_array_add (block->parts, g_object_ref (layout));
      iter = pango_layout_get_iter (layout);
      do
        {
          PangoRectangle logical;
          LineBox box;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          box.layout = layout;
          box.index = line++;
          box.x = pango_units_to_double (logical.x);
          box.top = top + pango_units_to_double (logical.y);
          box.height = pango_units_to_double (logical.height);
          box.baseline = top + pango_units_to_double (pango_layout_iter_get_baseline (iter));
          g_array_append_val (block->lines, box);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      top += layout_height (layout);
    }
  block->height = top;
}

typedef struct
{
  GPtrArray            *blocks;
  guint                 first;
  guint                 step;
  double                width;
  double                resolution;
  cairo_font_options_t *font_options;
} MeasureJob;

/* Pango objects are not thread-safe, so each thread measures with a font
 * map and context of its own, set up like the target's. The layouts keep
 * their context (and font map) alive; once the threads are joined only the
 * drawing thread uses them. */
static gpointer
measure_blocks_thread (gpointer data)
{
  MeasureJob *job = data;
  PangoFontMap *font_map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (font_map);
  GHashTable *cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  if (job->resolution > 0)
    pango_cairo_context_set_resolution (context, job->resolution);
  pango_cairo_context_set_font_options (context, job->font_options);
  for (guint i = job->first; i < job->blocks->len; i += job->step)
    measure_block (g_ptr_array_index (job->blocks, i), context, cache, job->width);
  g_hash_table_unref (cache);
  g_object_unref (context);
  g_object_unref (font_map);
  return NULL;
}

static void
measure_blocks (TpReportLayout *self,
                GPtrArray      *blocks,
                guint           n_threads)
{
  double width = self->side_width - 2 * CELL_PAD - BAR_WIDTH - BAR_SPACE;
  g_autofree MeasureJob *jobs = NULL;
  g_autofree GThread **threads = NULL;
  const cairo_font_options_t *options;

  n_threads = CLAMP (n_threads, 1, MAX (blocks->len / 200, 1));
  if (n_threads == 1)
    {
      g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_object_unref);

      for (guint i = 0; i < blocks->len; i++)
        measure_block (g_ptr_array_index (blocks, i), self->context, cache, width);
      return;
    }

  options = pango_cairo_context_get_font_options (self->context);
  jobs = g_new0 (MeasureJob, n_threads);
  threads = g_new0 (GThread *, n_threads);
  for (guint t = 0; t < n_threads; t++)
    {
      jobs[t].blocks = blocks;
      jobs[t].first = t;
      jobs[t].step = n_threads;
      jobs[t].width = width;
      jobs[t].resolution = pango_cairo_context_get_resolution (self->context);
      jobs[t].font_options = options ? cairo_font_options_copy (options) : cairo_font_options_create ();
      threads[t] = g_thread_new ("tp-report-layout", measure_blocks_thread, &jobs[t]);
    }
  for (guint t = 0; t < n_threads; t++)
    {
      g_thread_join (threads[t]);
      cairo_font_options_destroy (jobs[t].font_options);
    }
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  escaped = g_markup_escape_text (text, -1);
  /* The part separator is a control character no text should carry. */
  g_strdelimit (escaped, PART_SEPARATOR, ' ');
  g_string_append (out, escaped);
}

static const char *
review_color (TpReviewStatus status)
{
  switch (status)
    {
    case TP_REVIEW_CONFIRMED:
      return "#1c7a34";
    case TP_REVIEW_EDITED:
      return "#1a4fa0";
    case TP_REVIEW_REJECTED:
      return "#a51d12";
    case TP_REVIEW_AUTO:
    default:
      return "#6a6a6a";
    }
}

static char *
statement_markup (TpComparisonItem      *item,
                  const TpReportOptions *options)
{
  TpStatement *s = item->statement;
  TpArticle *a = item->article;
  GString *m = g_string_new (NULL);
  g_autofree char *url = _tp_report_safe_url (a->url);
  g_autofree char *file = _tp_report_source_file (a);
  const char *date = _tp_report_item_date (item);
  const char *sep = "";

  append_escaped (m, s->text);
  g_string_append (m, PART_SEPARATOR "<b>");
  append_escaped (m, s->speaker != NULL ? s->speaker : (s->actor ? s->actor : _("Unknown speaker")));
  g_string_append (m, "</b>");
  if (s->actor != NULL && s->speaker != NULL && g_strcmp0 (s->actor, s->speaker) != 0)
    {
      g_string_append (m, " (");
      append_escaped (m, s->actor);
      g_string_append (m, ")");
    }
  g_string_append (m, "<span foreground=\"#555555\"> · ");
  append_escaped (m, _tp_report_kind_label (s->kind));
  if (date != NULL)
    {
      g_string_append (m, " · ");
      append_escaped (m, date);
    }
  g_string_append (m, "</span>" PART_SEPARATOR "<span size=\"smaller\" foreground=\"#555555\">");
  if (a->outlet != NULL)
    {
      append_escaped (m, a->outlet);
      sep = ", ";
    }
  if (a->title != NULL)
    {
      g_string_append_printf (m, "%s<i>", sep);
      append_escaped (m, a->title);
      g_string_append (m, "</i>");
      sep = ", ";
    }
  if (a->published != NULL)
    {
      g_string_append (m, sep);
      append_escaped (m, a->published);
      sep = ", ";
    }
  if (url != NULL)
    {
      g_string_append (m, sep);
      append_escaped (m, url);
    }
  else if (a->url != NULL && *a->url != '\0')
    {
      g_string_append (m, sep);
      append_escaped (m, a->url);
    }
  else if (file != NULL)
    {
      g_string_append (m, sep);
      append_escaped (m, file);
    }
  g_string_append_printf (m, "</span>" PART_SEPARATOR "<span size=\"smaller\" foreground=\"%s\">",
                          review_color (s->review));
  append_escaped (m, _tp_report_review_label (s->review));
  g_string_append (m, "</span>");
  if (item->starred)
    {
      g_string_append (m, "<span size=\"smaller\" foreground=\"#a36b00\">  ★ ");
      append_escaped (m, _("Starred"));
      g_string_append (m, "</span>");
    }
  if (options->with_tags && item->tags != NULL && item->tags->len > 0)
    {
      g_autofree char *tags = _tp_report_join_tags (item, ", ");
      g_autofree char *line = g_strdup_printf (_("Tags: %s"), tags);

      g_string_append (m, PART_SEPARATOR "<span size=\"smaller\">");
      append_escaped (m, line);
      g_string_append (m, "</span>");
    }
  if (options->with_notes && item->notes != NULL)
    for (guint i = 0; i < item->notes->len; i++)
      {
        TpNote *note = g_ptr_array_index (item->notes, i);
        g_autofree char *line = g_strdup_printf (_("Note (%s): %s"),
                                                 note->created ? note->created : "",
                                                 note->text ? note->text : "");

        g_string_append (m, PART_SEPARATOR "<span size=\"smaller\" style=\"italic\">");
        append_escaped (m, line);
        g_string_append (m, "</span>");
      }
  return g_string_free (m, FALSE);
}

static char *
remark_markup (const char *text)
{
  g_autoptr(GString) m = g_string_new ("<span foreground=\"#777777\" style=\"italic\">");

  append_escaped (m, text);
  g_string_append (m, "</span>");
  return g_string_free (g_steal_pointer (&m), FALSE);
}

static void
build_header (TpReportLayout        *self,
              TpComparison          *comparison,
              const TpReportOptions *options)
{
  double width = self->page_width - 2 * self->margin;
  g_autoptr(GPtrArray) filters = _tp_report_describe_filters (comparison);
  g_autoptr(GString) m = g_string_new ("<b>");
  g_autofree char *count = NULL;

  append_escaped (m, _tp_report_title (options));
  g_string_append (m, "</b>");
  self->title = make_layout (self, 18.0, width, m->str);

  g_string_truncate (m, 0);
  count = g_strdup_printf (_("Generated %s · %u statements"), self->generated,
                           tp_comparison_get_n_statements (comparison));
  append_escaped (m, count);
  g_string_append_c (m, '\n');
  for (guint i = 0; i < filters->len; i++)
    {
      if (i > 0)
        g_string_append (m, "   ·   ");
      append_escaped (m, g_ptr_array_index (filters, i));
    }
  self->meta = make_layout (self, 10.0, width, m->str);

  g_string_assign (m, "<span foreground=\"#666666\">");
  append_escaped (m, _tp_report_title (options));
  g_string_append (m, "</span>");
  self->running_title = make_layout (self, 9.0, width, m->str);
  pango_layout_set_ellipsize (self->running_title, PANGO_ELLIPSIZE_END);

  self->header_height = layout_height (self->title) + 4 + layout_height (self->meta) + 10;
  self->running_height = layout_height (self->running_title) + 6;

  g_string_assign (m, "<b>");
  append_escaped (m, _tp_report_empty_message ());
  g_string_append (m, "</b>");
  self->empty = make_layout (self, 15.0, width, m->str);
  pango_layout_set_alignment (self->empty, PANGO_ALIGN_CENTER);
}

static void
build_rows (TpReportLayout        *self,
            TpComparison          *comparison,
            const TpReportOptions *options,
            guint                  n_threads)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  guint n_topics = tp_comparison_get_n_topics (comparison);

  self->side_colors = g_new0 (char *, self->n_sides + 1);
  self->side_names = g_new0 (PangoLayout *, self->n_sides);
  for (guint s = 0; s < self->n_sides; s++)
    {
      const TpLexiconSide *side = tp_comparison_get_side (comparison, s);
      g_autoptr(GString) m = g_string_new (NULL);

      self->side_colors[s] = g_strdup (_tp_report_safe_color (side->color));
      g_string_printf (m, "<b><span foreground=\"%s\">",
                       is_light (self->side_colors[s]) ? "#1d1d1d" : "#ffffff");
      append_escaped (m, side->name != NULL ? side->name : side->key);
      g_string_append (m, "</span></b>");
      self->side_names[s] = make_layout (self, 11.0, self->side_width - 2 * CELL_PAD, m->str);
      pango_layout_set_ellipsize (self->side_names[s], PANGO_ELLIPSIZE_END);
    }
  {
    g_autoptr(GString) m = g_string_new ("<b><span foreground=\"#ffffff\">");

    append_escaped (m, _("Topic"));
    g_string_append (m, "</span></b>");
    self->topic_heading = make_layout (self, 11.0, self->topic_width - 2 * CELL_PAD, m->str);
  }

  for (guint t = 0; t < n_topics; t++)
    {
      const TpLexiconTopic *topic = tp_comparison_get_topic (comparison, t);
      g_autoptr(GString) m = g_string_new ("<b>");
      Row *row;

      if (tp_comparison_topic_is_empty (comparison, t))
        continue;
      row = g_new0 (Row, 1);
      append_escaped (m, topic->name != NULL ? topic->name : topic->key);
      g_string_append (m, "</b>");
      row->label = make_layout (self, 10.5, self->topic_width - 2 * CELL_PAD, m->str);
      row->label_height = layout_height (row->label);
      row->cells = g_new0 (Cell, self->n_sides);
      for (guint s = 0; s < self->n_sides; s++)
        {
          GPtrArray *items = tp_comparison_get_cell (comparison, t, s);
          guint total = tp_comparison_get_cell_total (comparison, t, s);
          Cell *cell = &row->cells[s];

          cell->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
          for (guint i = 0; items != NULL && i < items->len; i++)
            {
              char *markup = statement_markup (g_ptr_array_index (items, i), options);

              g_ptr_array_add (cell->blocks, make_block (self, markup, TRUE));
            }
          if (items == NULL || items->len == 0)
            {
              g_ptr_array_add (cell->blocks, make_block (self, remark_markup (_("No statements")), FALSE));
            }
          else if (total > items->len)
            {
              g_autofree char *more = g_strdup_printf (_("Showing the newest %u of %u statements"),
                                                       items->len, total);
              g_ptr_array_add (cell->blocks, make_block (self, remark_markup (more), FALSE));
            }
        }
      g_ptr_array_add (self->rows, row);
      for (guint s = 0; s < self->n_sides; s++)
        g_ptr_array_extend (blocks, row->cells[s].blocks, NULL, NULL);
    }
  measure_blocks (self, blocks, n_threads);
}

static double
body_top (TpReportLayout *self,
          guint           page)
{
  return self->margin + (page == 0 ? self->header_height : self->running_height) + HEADING_H;
}

static double
body_bottom (TpReportLayout *self)
{
  return self->page_height - self->margin - FOOTER_H;
}

/* How many lines of @block, from line @from, fit in @room points. */
static guint
lines_that_fit (Block  *block,
                guint   from,
                double  room)
{
  double top = g_array_index (block->lines, LineBox, from).top;
  guint n = 0;

  for (guint l = from; l < block->lines->len; l++)
    {
      LineBox *line = &g_array_index (block->lines, LineBox, l);

      if (line->top + line->height - top > room)
        break;
      n++;
    }
  return n;
}

/* Takes as much of @cell from @cursor as fits in @avail points. A statement
 * that does not fit is split between lines when at least three of its
 * lines stay here and two go over (no orphans, no widows); otherwise it
 * moves to the next page whole, unless it cannot fit on any page. */
static double
take_cell (Cell    *cell,
           Cursor  *cursor,
           double   avail,
           double   fresh_avail,
           gboolean fresh)
{
  double h = 0;

  while (cursor->block < cell->blocks->len)
    {
      Block *block = g_ptr_array_index (cell->blocks, cursor->block);
      LineBox *first = &g_array_index (block->lines, LineBox, cursor->line);
      double gap = h > 0 ? BLOCK_GAP : 0;
      double rest = block->height - first->top;
      guint n_left = block->lines->len - cursor->line;
      guint n_fit;
      LineBox *last;

      if (h + gap + rest <= avail)
        {
          h += gap + rest;
          cursor->block++;
          cursor->line = 0;
          continue;
        }
      n_fit = lines_that_fit (block, cursor->line, avail - h - gap);
      if (n_fit == n_left && n_fit > 0)
        n_fit--;  /* only the block's bottom padding overflowed */
      if (n_left - n_fit == 1 && n_fit > 3)
        n_fit--;
      if (cursor->line == 0 && rest <= fresh_avail && (n_fit < 3 || n_left - n_fit < 2))
        n_fit = 0;
      if (n_fit == 0 && fresh && h == 0)
        n_fit = 1;  /* a line taller than the page: draw it anyway */
      if (n_fit == 0)
        break;
      last = &g_array_index (block->lines, LineBox, cursor->line + n_fit - 1);
      h += gap + last->top + last->height - first->top;
      cursor->line += n_fit;
      break;
    }
  return h;
}

static gboolean
cell_done (Cell   *cell,
           Cursor *cursor)
{
  return cursor->block >= cell->blocks->len;
}

static double
row_height (TpReportLayout *self,
            Row            *row)
{
  double h = row->label_height;

  for (guint s = 0; s < self->n_sides; s++)
    {
      double ch = 0;

      for (guint b = 0; b < row->cells[s].blocks->len; b++)
        ch += ((Block *) g_ptr_array_index (row->cells[s].blocks, b))->height + (b ? BLOCK_GAP : 0);
      h = MAX (h, ch);
    }
  return h + 2 * CELL_PAD;
}

static Page *
new_page (TpReportLayout *self)
{
  Page *page = g_new0 (Page, 1);

  page->slices = g_array_new (FALSE, TRUE, sizeof (Slice));
  g_ptr_array_add (self->pages, page);
  return page;
}

static void
paginate (TpReportLayout *self)
{
  Page *page = new_page (self);
  double y = body_top (self, 0);
  double bottom = body_bottom (self);
  double fresh_avail = bottom - body_top (self, 1) - 2 * CELL_PAD;
  g_autofree Cursor *cursors = g_new0 (Cursor, self->n_sides);

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);
      gboolean started = FALSE;

      memset (cursors, 0, sizeof (Cursor) * self->n_sides);
      if (page->slices->len > 0
          && bottom - y < MIN (row_height (self, row), MIN_ROW_START))
        {
          page = new_page (self);
          y = body_top (self, self->pages->len - 1);
        }

      for (;;)
        {
          gboolean fresh = page->slices->len == 0;
          double avail = bottom - y - 2 * CELL_PAD;
          double h = started ? 0 : row->label_height;
          gboolean progress = FALSE, done = TRUE;
          Slice slice = { 0 };

          slice.row = r;
          slice.y = y;
          slice.continued = started;
          slice.from = g_memdup2 (cursors, sizeof (Cursor) * self->n_sides);
          for (guint s = 0; s < self->n_sides; s++)
            {
              Cursor before = cursors[s];
              double ch = 0;

              if (!cell_done (&row->cells[s], &cursors[s]))
                ch = take_cell (&row->cells[s], &cursors[s], avail, fresh_avail, fresh);
              if (before.block != cursors[s].block || before.line != cursors[s].line)
                progress = TRUE;
              if (!cell_done (&row->cells[s], &cursors[s]))
                done = FALSE;
              h = MAX (h, ch);
            }
          slice.to = g_memdup2 (cursors, sizeof (Cursor) * self->n_sides);

          if (!progress && !fresh)
            {
              g_free (slice.from);
              g_free (slice.to);
              page = new_page (self);
              y = body_top (self, self->pages->len - 1);
              continue;
            }
          slice.height = MIN (h + 2 * CELL_PAD, bottom - y);
          g_array_append_val (page->slices, slice);
          y += slice.height;
          started = TRUE;
          if (done)
            break;
          page = new_page (self);
          y = body_top (self, self->pages->len - 1);
        }
    }
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_headings (TpReportLayout *self,
               cairo_t        *cr,
               double          y)
{
  double x = self->margin;

  cairo_set_source_rgb (cr, 0.24, 0.24, 0.24);
  cairo_rectangle (cr, x, y, self->topic_width, HEADING_H);
  cairo_fill (cr);
  draw_text (cr, self->topic_heading, x + CELL_PAD,
             y + (HEADING_H - layout_height (self->topic_heading)) / 2);
  x += self->topic_width;
  for (guint s = 0; s < self->n_sides; s++)
    {
      set_source_hex (cr, self->side_colors[s], 0);
      cairo_rectangle (cr, x, y, self->side_width, HEADING_H);
      cairo_fill (cr);
      draw_text (cr, self->side_names[s], x + CELL_PAD,
                 y + (HEADING_H - layout_height (self->side_names[s])) / 2);
      x += self->side_width;
    }
}

/* Draws the lines of @cell between two cursors, top-aligned at @y. */
static void
draw_cell (TpReportLayout *self,
           cairo_t        *cr,
           Cell           *cell,
           const char     *color,
           Cursor          from,
           Cursor          to,
           double          x,
           double          y)
{
  double cy = y;

  for (guint b = from.block; b < cell->blocks->len && b <= to.block; b++)
    {
      Block *block = g_ptr_array_index (cell->blocks, b);
      guint first = b == from.block ? from.line : 0;
      guint last = b == to.block ? to.line : block->lines->len;
      double origin, top, end;

      if (first >= last)
        continue;
      if (b != from.block)
        cy += BLOCK_GAP;
      origin = cy - g_array_index (block->lines, LineBox, first).top;
      top = cy;
      end = cy;
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      for (guint l = first; l < last; l++)
        {
          LineBox *box = &g_array_index (block->lines, LineBox, l);

          cairo_move_to (cr, x + BAR_WIDTH + BAR_SPACE + box->x, origin + box->baseline);
          pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (box->layout, box->index));
          end = origin + box->top + box->height;
        }
      if (block->bar)
        {
          set_source_hex (cr, color, 0);
          cairo_rectangle (cr, x, top, BAR_WIDTH, end - top);
          cairo_fill (cr);
        }
      cy = end;
    }
}

static void
draw_slice (TpReportLayout *self,
            cairo_t        *cr,
            Slice          *slice)
{
  Row *row = g_ptr_array_index (self->rows, slice->row);
  double x = self->margin;

  cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
  cairo_rectangle (cr, x, slice->y, self->topic_width, slice->height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  if (!slice->continued)
    draw_text (cr, row->label, x + CELL_PAD, slice->y + CELL_PAD);
  else
    {
      g_autoptr(GString) m = g_string_new ("<span foreground=\"#777777\" style=\"italic\">");
      g_autofree char *text = g_strdup_printf (_("%s (continued)"),
                                               pango_layout_get_text (row->label));
      g_autoptr(PangoLayout) label = NULL;

      append_escaped (m, text);
      g_string_append (m, "</span>");
      label = make_layout (self, 9.5, self->topic_width - 2 * CELL_PAD, m->str);
      draw_text (cr, label, x + CELL_PAD, slice->y + CELL_PAD);
    }
  x += self->topic_width;

  for (guint s = 0; s < self->n_sides; s++)
    {
      set_source_hex (cr, self->side_colors[s], 0.92);
      cairo_rectangle (cr, x, slice->y, self->side_width, slice->height);
      cairo_fill (cr);
      draw_cell (self, cr, &row->cells[s], self->side_colors[s], slice->from[s], slice->to[s],
                 x + CELL_PAD, slice->y + CELL_PAD);
      x += self->side_width;
    }

  /* The grid over the backgrounds. */
  cairo_set_source_rgb (cr, 0.72, 0.72, 0.72);
  cairo_set_line_width (cr, 0.5);
  x = self->margin;
  cairo_rectangle (cr, x, slice->y, self->topic_width, slice->height);
  x += self->topic_width;
  for (guint s = 0; s < self->n_sides; s++, x += self->side_width)
    cairo_rectangle (cr, x, slice->y, self->side_width, slice->height);
  cairo_stroke (cr);
}

static void
draw_footer (TpReportLayout *self,
             cairo_t        *cr,
             guint           page)
{
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  g_autoptr(GString) m = g_string_new ("<span foreground=\"#666666\">");
  g_autoptr(PangoLayout) layout = NULL;
  double width = self->page_width - 2 * self->margin;

  append_escaped (m, number);
  g_string_append (m, "</span>");
  layout = make_layout (self, 9.0, width, m->str);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  draw_text (cr, layout, self->margin, self->page_height - self->margin - layout_height (layout));

  g_string_assign (m, "<span foreground=\"#666666\">");
  append_escaped (m, "Triptych · ");
  append_escaped (m, self->generated);
  g_string_append (m, "</span>");
  g_clear_object (&layout);
  layout = make_layout (self, 9.0, width / 2, m->str);
  draw_text (cr, layout, self->margin, self->page_height - self->margin - layout_height (layout));
}

/* GObject overrides */

static void
tp_report_layout_finalize (GObject *object)
{
  TpReportLayout *self = TP_REPORT_LAYOUT (object);

  for (guint r = 0; self->rows != NULL && r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);

      for (guint s = 0; s < self->n_sides; s++)
        g_clear_pointer (&row->cells[s].blocks, g_ptr_array_unref);
    }
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  for (guint s = 0; self->side_names != NULL && s < self->n_sides; s++)
    g_clear_object (&self->side_names[s]);
  g_clear_pointer (&self->side_names, g_free);
  g_clear_pointer (&self->side_colors, g_strfreev);
  g_clear_object (&self->topic_heading);
  g_clear_object (&self->title);
  g_clear_object (&self->meta);
  g_clear_object (&self->running_title);
  g_clear_object (&self->empty);
  g_clear_object (&self->context);
  g_clear_pointer (&self->generated, g_free);

  G_OBJECT_CLASS (tp_report_layout_parent_class)->finalize (object);
}

static void
tp_report_layout_class_init (TpReportLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tp_report_layout_finalize;
}

static void
tp_report_layout_init (TpReportLayout *self)
{
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->pages = g_ptr_array_new_with_free_func (page_free);
}

/* Public API */

/**
 * tp_report_layout_new:
 * @comparison: the comparison to lay out
 * @options: (nullable): title, tags and notes
 * @context: the Pango context of the target (a PDF surface's or a printer's)
 * @page_width: page width in points
 * @page_height: page height in points
 * @margin: blank margin on every side, in points
 *
 * Lays @comparison out on pages. Everything is measured here, so drawing a
 * page later is cheap.
 *
 * Returns: (transfer full): the layout
 */
TpReportLayout *
tp_report_layout_new (TpComparison          *comparison,
                      const TpReportOptions *options,
                      PangoContext          *context,
                      double                 page_width,
                      double                 page_height,
                      double                 margin)
{
  return _tp_report_layout_new_full (comparison, options, context, page_width, page_height,
                                     margin, 1);
}

/* As tp_report_layout_new(), measuring the statements on @n_threads
 * threads. Only for a @context made by pango_cairo_create_context(): each
 * thread builds a context like it on a font map of its own. */
TpReportLayout *
_tp_report_layout_new_full (TpComparison          *comparison,
                            const TpReportOptions *options,
                            PangoContext          *context,
                            double                 page_width,
                            double                 page_height,
                            double                 margin,
                            guint                  n_threads)
{
  static const TpReportOptions defaults = { 0 };
  TpReportLayout *self;
  double content;

  g_return_val_if_fail (TP_IS_COMPARISON (comparison), NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (page_width > 4 * margin && page_height > 4 * margin, NULL);

  if (options == NULL)
    options = &defaults;

  self = g_object_new (TP_TYPE_REPORT_LAYOUT, NULL);
  self->context = g_object_ref (context);
  self->page_width = page_width;
  self->page_height = page_height;
  self->margin = margin;
  self->generated = _tp_report_generated_display (comparison);
  self->is_empty = tp_comparison_is_empty (comparison);
  self->n_sides = tp_comparison_get_n_sides (comparison);

  content = page_width - 2 * margin;
  self->topic_width = MIN (110.0, content * 0.16);
  self->side_width = (content - self->topic_width) / MAX (self->n_sides, 1);

  build_header (self, comparison, options);
  if (self->is_empty || self->n_sides == 0)
    {
      self->is_empty = TRUE;
      new_page (self);
      return self;
    }
  build_rows (self, comparison, options, n_threads);
  paginate (self);
  return self;
}

/**
 * tp_report_layout_get_n_pages:
 * @self: a layout
 *
 * Returns: the number of pages, at least 1
 */
guint
tp_report_layout_get_n_pages (TpReportLayout *self)
{
  g_return_val_if_fail (TP_IS_REPORT_LAYOUT (self), 0);

  return self->pages->len;
}

/**
 * tp_report_layout_draw_page:
 * @self: a layout
 * @cr: where to draw, with the origin at the page's top left corner
 * @page: the page, from 0
 *
 * Draws one page.
 */
void
tp_report_layout_draw_page (TpReportLayout *self,
                            cairo_t        *cr,
                            guint           page)
{
  Page *p;
  double y = self->margin;

  g_return_if_fail (TP_IS_REPORT_LAYOUT (self));
  g_return_if_fail (page < self->pages->len);

  p = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  if (page == 0)
    {
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      draw_text (cr, self->title, self->margin, y);
      y += layout_height (self->title) + 4;
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      draw_text (cr, self->meta, self->margin, y);
      y += layout_height (self->meta) + 10;
    }
  else
    {
      draw_text (cr, self->running_title, self->margin, y);
      y += self->running_height;
    }

  if (self->is_empty)
    {
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      draw_text (cr, self->empty, self->margin, y + 40);
    }
  else
    {
      draw_headings (self, cr, y);
      for (guint i = 0; i < p->slices->len; i++)
        draw_slice (self, cr, &g_array_index (p->slices, Slice, i));
    }
  draw_footer (self, cr, page);
  cairo_restore (cr);
}
