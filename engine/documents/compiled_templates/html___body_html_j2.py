from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_body.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_t = resolve('t')
    l_0_recommendations = resolve('recommendations')
    l_0_reference = resolve('reference')
    l_0_footnotes = resolve('footnotes')
    l_0_grants = resolve('grants')
    l_0_partners = resolve('partners')
    l_0_map_svg = resolve('map_svg')
    l_0_cases = resolve('cases')
    l_0_roadmap = resolve('roadmap')
    l_0_questions = resolve('questions')
    l_0_checks = resolve('checks')
    l_0_o = l_0_w = missing
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_3 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    pass
    yield '<section id="recommendations">\n<h2>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_recommendations'))
    yield '</h2>\n'
    t_4 = 1
    for l_1_rec in (undefined(name='recommendations') if l_0_recommendations is missing else l_0_recommendations):
        _loop_vars = {}
        pass
        yield '\n<div class="rec" id="rec-'
        yield escape(environment.getattr(l_1_rec, 'n'))
        yield '" data-rules="'
        yield escape(t_1(context.eval_ctx, environment.getattr(l_1_rec, 'rules'), ' '))
        yield '">\n<h3>'
        yield escape(environment.getattr(l_1_rec, 'n'))
        yield '. '
        yield escape(environment.getattr(l_1_rec, 'title'))
        if (environment.getattr(l_1_rec, 'kind') != 'recommend'):
            pass
            yield '<span class="badge '
            yield escape(environment.getattr(l_1_rec, 'kind'))
            yield '">'
            yield escape(environment.getattr(l_1_rec, 'kind_label'))
            yield '</span>'
        if environment.getattr(l_1_rec, 'judgement'):
            pass
            yield '<span class="badge judgement">'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'judgement'))
            yield '</span>'
        yield '</h3>\n<p>'
        yield escape(environment.getattr(l_1_rec, 'text'))
        for l_2_n in environment.getattr(l_1_rec, 'notes'):
            _loop_vars = {}
            pass
            yield '<sup class="fn"><a href="#fn-'
            yield escape(l_2_n)
            yield '">['
            yield escape(l_2_n)
            yield ']</a></sup>'
        l_2_n = missing
        yield '</p>\n</div>\n'
        t_4 = 0
    l_1_rec = missing
    if t_4:
        pass
        yield '\n<p>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'no_recommendations'))
        yield '</p>\n'
    yield '\n'
    if t_2(context.eval_ctx, t_3(context, (undefined(name='recommendations') if l_0_recommendations is missing else l_0_recommendations), 'judgement')):
        pass
        yield '<p class="note">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'judgement_note'))
        yield '</p>'
    yield '\n'
    if (undefined(name='reference') if l_0_reference is missing else l_0_reference):
        pass
        yield '<p class="note">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'reference_in_appendix'))
        yield '</p>'
    yield '\n'
    if (undefined(name='footnotes') if l_0_footnotes is missing else l_0_footnotes):
        pass
        yield '\n<ol class="footnotes">\n'
        for l_1_note in (undefined(name='footnotes') if l_0_footnotes is missing else l_0_footnotes):
            l_1_common = resolve('common')
            _loop_vars = {}
            pass
            yield '<li id="fn-'
            yield escape(environment.getattr(l_1_note, 'n'))
            yield '" value="'
            yield escape(environment.getattr(l_1_note, 'n'))
            yield '"><code>'
            yield escape(environment.getattr(l_1_note, 'rule'))
            yield '</code> — '
            yield escape(environment.getattr(l_1_note, 'source'))
            if environment.getattr(l_1_note, 'date'):
                pass
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
                yield escape(environment.getattr(l_1_note, 'date'))
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
            yield escape(environment.getattr(l_1_note, 'hindsight'))
            yield ' ['
            yield escape(context.call(environment.getattr((undefined(name='common') if l_1_common is missing else l_1_common), 'confidence'), environment.getattr(l_1_note, 'confidence'), _loop_vars=_loop_vars))
            yield ']</li>\n'
        l_1_note = l_1_common = missing
        yield '</ol>\n'
    yield '\n</section>\n\n<section id="grants">\n<h2>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_grants'))
    yield '</h2>\n<p class="statement">'
    yield escape(environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'correction_statement'))
    yield '</p>\n'
    for l_1_note in environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'common_notes'):
        _loop_vars = {}
        pass
        yield '<p class="statement">'
        yield escape(l_1_note)
        yield '</p>\n'
    l_1_note = missing
    yield '\n<table class="grants">\n<colgroup><col class="item"><col class="elig"><col class="base"><col class="rate"><col class="corr"><col class="amount"><col class="notes"></colgroup>\n<thead><tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'item'))
    yield '</th><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'eligibility'))
    yield '</th><th class="num">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'base'))
    yield '</th><th class="num">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rate'))
    yield '</th><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'correction'))
    yield '</th><th class="num">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'amount'))
    yield '</th><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'caveats'))
    yield '</th></tr></thead>\n<tbody>\n'
    for l_1_row in environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'rows'):
        _loop_vars = {}
        pass
        yield '<tr class="'
        yield escape(environment.getattr(l_1_row, 'status'))
        yield '"><td>'
        yield escape(environment.getattr(l_1_row, 'item'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_row, 'eligible'))
        yield '</td><td class="num">'
        yield escape(environment.getattr(l_1_row, 'base'))
        yield '</td><td class="num">'
        yield escape(environment.getattr(l_1_row, 'rate'))
        if environment.getattr(l_1_row, 'rate_confidence'):
            pass
            yield '<br><span class="note conf">'
            yield escape(environment.getattr(l_1_row, 'rate_confidence'))
            yield '</span>'
        yield '</td><td>'
        yield escape(environment.getattr(l_1_row, 'correction'))
        yield '</td><td class="num">'
        yield escape(environment.getattr(l_1_row, 'amount'))
        yield '</td><td class="note">'
        yield escape(t_1(context.eval_ctx, environment.getattr(l_1_row, 'notes'), ' '))
        yield '</td></tr>\n'
    l_1_row = missing
    yield '</tbody>\n<tfoot><tr><td colspan="5">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'total'))
    yield '</td><td class="num">'
    yield escape(environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'total'))
    yield '</td><td class="note'
    if (environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'total_conditional') and (not environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'total_note'))):
        pass
        yield ' conditional'
    yield '">'
    yield escape(environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'total_conditional'))
    yield escape(environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'total_note'))
    yield '</td></tr></tfoot>\n</table>\n<p class="note">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'grant_indicative'))
    yield '</p>\n'
    if environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'sources'):
        pass
        yield '<p class="note">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'grant_sources'))
        yield ': '
        yield escape(environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'sources'))
        yield '</p>'
    yield '\n</section>\n\n<section id="partners">\n<h2>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_partners'))
    yield '</h2>\n'
    if (not environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'available')):
        pass
        yield '<p>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'partners_absent'))
        yield '</p>\n'
    elif environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'list'):
        pass
        yield '\n<table class="partners">\n<colgroup><col class="name"><col class="score"><col class="reasons"></colgroup>\n<thead><tr><th>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'partner'))
        yield '</th><th class="num">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'score'))
        yield '</th><th>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'reasons'))
        yield '</th></tr></thead>\n<tbody>\n'
        for l_1_p in environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'list'):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.getattr(l_1_p, 'name'))
            yield '</td><td class="num">'
            yield escape(environment.getattr(l_1_p, 'score'))
            yield '</td><td>'
            yield escape(t_1(context.eval_ctx, environment.getattr(l_1_p, 'reasons'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'list_sep')))
            yield '</td></tr>\n'
        l_1_p = missing
        yield '</tbody>\n</table>\n'
    else:
        pass
        yield '<p>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'partners_none'))
        yield '</p>'
    yield '\n'
    if environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'census'):
        pass
        yield '<p class="note">'
        yield escape(environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'census'))
        yield '</p>'
    yield '\n'
    l_0_o = environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'options')
    context.vars['o'] = l_0_o
    context.exported_vars.add('o')
    yield '\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'stay'):
        pass
        yield '\n<h3>'
        yield escape(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'option_stay'))
        yield ': '
        yield escape(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'stay'), 'name'))
        yield '</h3>\n<p>'
        yield escape(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'stay'), 'members'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'member_sep')))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield escape(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'population'))
        yield ' '
        yield escape(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'stay'), 'population_total'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield '</p>\n<ul class="note">'
        for l_1_reason in environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'stay'), 'reasons'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(l_1_reason)
            yield '</li>'
        l_1_reason = missing
        yield '</ul>\n'
    elif environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'none_large'):
        pass
        yield '\n<h3>'
        yield escape(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'options_none'))
        yield '</h3>\n<ul class="note">'
        for l_1_reason in environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'none_large'), 'reasons'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(l_1_reason)
            yield '</li>'
        l_1_reason = missing
        yield '</ul>\n'
    elif (environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form') or environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form_none')):
        pass
        yield '\n<div class="options'
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'join'):
            pass
            yield ' two'
        yield '">\n'
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'join'):
            pass
            yield '<div class="option join">\n<h3>'
            yield escape(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'option_join'))
            yield '</h3>\n<p><strong>'
            yield escape(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'join'), 'name'))
            yield '</strong>: '
            yield escape(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'join'), 'members'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'member_sep')))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield escape(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'population'))
            yield ' '
            yield escape(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'join'), 'population_total'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
            yield '</p>\n<ul class="note">'
            for l_1_reason in environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'join'), 'reasons'):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(l_1_reason)
                yield '</li>'
            l_1_reason = missing
            yield '</ul>\n</div>'
        yield '\n<div class="option form">\n<h3>'
        yield escape(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'option_form'))
        yield '</h3>\n'
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form'):
            pass
            yield '<p>'
            yield escape(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form'), 'members'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'member_sep')))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield escape(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'population'))
            yield ' '
            yield escape(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form'), 'population_total'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
            yield '</p>\n'
        else:
            pass
            yield '<p>'
            yield escape(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'option_none'))
            yield '</p>\n'
        yield '<ul class="note">'
        for l_1_reason in environment.getattr((environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form') or environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form_none')), 'reasons'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(l_1_reason)
            yield '</li>'
        l_1_reason = missing
        yield '</ul>\n'
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'no_join'):
            pass
            yield '<p class="note">'
            yield escape(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'no_join'))
            yield '</p>'
        yield '\n</div>\n</div>\n'
    yield '\n'
    l_0_w = environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'what_if')
    context.vars['w'] = l_0_w
    context.exported_vars.add('w')
    yield '\n'
    if (undefined(name='w') if l_0_w is missing else l_0_w):
        pass
        yield '\n<div class="whatif" id="what-if">\n<h3>'
        yield escape(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'title'))
        yield '</h3>\n<ul><li>'
        yield escape(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'population'))
        if environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'band'):
            pass
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield escape(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'band'))
        yield '</li>\n<li class="note">'
        yield escape(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'whatif_reading'))
        yield '</li>\n'
        if environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'warning'):
            pass
            yield '<li class="warning">'
            yield escape(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'warning'))
            yield '</li>'
        yield '</ul>\n'
        if environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'changed'):
            pass
            yield '\n<table class="whatif-rules">\n<thead><tr><th>'
            yield escape(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'changed_rules'))
            yield '</th><th>'
            yield escape(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'before'))
            yield '</th><th>'
            yield escape(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'after'))
            yield '</th></tr></thead>\n<tbody>\n'
            for l_1_c in environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'changed'):
                _loop_vars = {}
                pass
                yield '<tr><td>'
                yield escape(environment.getattr(l_1_c, 'title'))
                yield '</td><td>'
                yield escape(environment.getattr(l_1_c, 'before'))
                yield '</td><td>'
                yield escape(environment.getattr(l_1_c, 'after'))
                yield '</td></tr>\n'
            l_1_c = missing
            yield '</tbody>\n</table>\n'
        else:
            pass
            yield '<p>'
            yield escape(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'no_changed_rules'))
            yield '</p>'
        yield '\n<table class="whatif-grants">\n<thead><tr><th>'
        yield escape(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'grants'))
        yield '</th><th>'
        yield escape(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'before'))
        yield '</th><th>'
        yield escape(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'after'))
        yield '</th></tr></thead>\n<tbody>\n'
        for l_1_g in environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'grants'):
            _loop_vars = {}
            pass
            yield '<tr'
            if environment.getattr(l_1_g, 'changed'):
                pass
                yield ' class="changed"'
            yield '><td>'
            yield escape(environment.getattr(l_1_g, 'item'))
            yield '</td><td>'
            yield escape(environment.getattr(l_1_g, 'before'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield escape(environment.getattr(l_1_g, 'amount_before'))
            yield '</td><td>'
            yield escape(environment.getattr(l_1_g, 'after'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield escape(environment.getattr(l_1_g, 'amount_after'))
            yield '</td></tr>\n'
        l_1_g = missing
        yield '</tbody>\n</table>\n'
        if (not environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'grants_changed')):
            pass
            yield '<p class="note">'
            yield escape(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'grants_unchanged'))
            yield '</p>'
        yield '\n</div>\n'
    yield '\n'
    if (undefined(name='map_svg') if l_0_map_svg is missing else l_0_map_svg):
        pass
        yield '<div class="map">'
        yield escape((undefined(name='map_svg') if l_0_map_svg is missing else l_0_map_svg))
        yield '</div>'
    else:
        pass
        yield '<p class="note">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'map_absent'))
        yield '</p>'
    yield '\n</section>\n\n<section id="cases">\n<h2>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_cases'))
    yield '</h2>\n'
    if (undefined(name='cases') if l_0_cases is missing else l_0_cases):
        pass
        yield '<ul class="cases">\n'
        for l_1_case in (undefined(name='cases') if l_0_cases is missing else l_0_cases):
            l_1_common = resolve('common')
            _loop_vars = {}
            pass
            yield '<li><strong>'
            yield escape(environment.getattr(l_1_case, 'name'))
            yield '</strong>'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield escape(environment.getattr(l_1_case, 'prefecture'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            if environment.getattr(l_1_case, 'own'):
                pass
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'your_group'))
            elif environment.getattr(l_1_case, 'same_prefecture'):
                pass
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'same_prefecture'))
            else:
                pass
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'other_prefecture'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
            yield ': '
            if environment.getattr(l_1_case, 'members'):
                pass
                yield escape(t_1(context.eval_ctx, environment.getattr(l_1_case, 'members'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'member_sep')))
            else:
                pass
                yield '<span class="note">'
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'members_unlisted'))
                yield '</span>'
            if environment.getattr(l_1_case, 'source'):
                pass
                yield ' <span class="note">'
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'source'))
                yield ': '
                yield escape(environment.getattr(l_1_case, 'source'))
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
                yield escape(environment.getattr(l_1_case, 'source_date'))
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
                yield escape(context.call(environment.getattr((undefined(name='common') if l_1_common is missing else l_1_common), 'confidence'), environment.getattr(l_1_case, 'confidence'), _loop_vars=_loop_vars))
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
                yield '</span>'
            yield '</li>\n'
        l_1_case = l_1_common = missing
        yield '</ul>\n'
    else:
        pass
        yield '<p>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'cases_none'))
        yield '</p>'
    yield '\n</section>\n\n<section id="roadmap">\n<h2>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_roadmap'))
    yield '</h2>\n<p>'
    yield escape(environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'anchor'))
    yield '</p>\n'
    if environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'past'):
        pass
        yield '<p class="warning">'
        yield escape(environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'past'))
        yield '</p>'
    yield '\n'
    if environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'deadlines'):
        pass
        yield '<ul class="deadlines">'
        for l_1_line in environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'deadlines'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(l_1_line)
            yield '</li>'
        l_1_line = missing
        yield '</ul>'
    yield '\n'
    if environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'stages'):
        pass
        yield '\n<table class="roadmap">\n<colgroup><col class="stage"><col class="period"></colgroup>\n<thead><tr><th>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'stage'))
        yield '</th><th>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'period'))
        yield '</th></tr></thead>\n<tbody>\n'
        for l_1_stage in environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'stages'):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.getattr(l_1_stage, 'number'))
            yield '. '
            yield escape(environment.getattr(l_1_stage, 'name'))
            yield '</td><td>'
            yield escape(environment.getattr(l_1_stage, 'period'))
            yield '</td></tr>\n'
        l_1_stage = missing
        yield '</tbody>\n</table>\n'
        if environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'late'):
            pass
            yield '<p class="warning">'
            yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'roadmap_late'), 'format'), stage=environment.getattr(environment.getitem(environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'stages'), 0), 'name')))
            yield '</p>'
        yield '\n<p class="note">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'roadmap_judgement'))
        yield '</p>\n'
    yield '\n</section>\n\n<section id="questions">\n<h2>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_questions'))
    yield '</h2>\n'
    if (undefined(name='questions') if l_0_questions is missing else l_0_questions):
        pass
        yield '<ol>\n'
        for l_1_q in (undefined(name='questions') if l_0_questions is missing else l_0_questions):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(environment.getattr(l_1_q, 'question'))
            yield ' <span class="note">'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'affects'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'colon'))
            yield escape(environment.getattr(l_1_q, 'settles'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
            yield '</span></li>\n'
        l_1_q = missing
        yield '</ol>\n'
    else:
        pass
        yield '<p>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'questions_none'))
        if (environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'conflicts') or environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'dates')):
            pass
            yield ' '
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'questions_see_checks'))
        yield '</p>'
    yield '\n</section>\n\n<section id="reference">\n'
    if (undefined(name='reference') if l_0_reference is missing else l_0_reference):
        pass
        yield '\n<h2>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_reference'))
        yield '</h2>\n<p class="note">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'reference_intro'))
        yield '</p>\n'
        for l_1_rec in (undefined(name='reference') if l_0_reference is missing else l_0_reference):
            _loop_vars = {}
            pass
            yield '\n<div class="rec reference" id="rec-'
            yield escape(environment.getattr(l_1_rec, 'n'))
            yield '" data-rules="'
            yield escape(t_1(context.eval_ctx, environment.getattr(l_1_rec, 'rules'), ' '))
            yield '">\n<h3>'
            yield escape(environment.getattr(l_1_rec, 'n'))
            yield '. '
            yield escape(environment.getattr(l_1_rec, 'title'))
            if (environment.getattr(l_1_rec, 'kind') != 'recommend'):
                pass
                yield '<span class="badge '
                yield escape(environment.getattr(l_1_rec, 'kind'))
                yield '">'
                yield escape(environment.getattr(l_1_rec, 'kind_label'))
                yield '</span>'
            if environment.getattr(l_1_rec, 'judgement'):
                pass
                yield '<span class="badge judgement">'
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'judgement'))
                yield '</span>'
            yield '</h3>\n<p>'
            yield escape(environment.getattr(l_1_rec, 'text'))
            for l_2_n in environment.getattr(l_1_rec, 'notes'):
                _loop_vars = {}
                pass
                yield '<sup class="fn"><a href="#fn-'
                yield escape(l_2_n)
                yield '">['
                yield escape(l_2_n)
                yield ']</a></sup>'
            l_2_n = missing
            yield '</p>\n</div>\n'
        l_1_rec = missing
        yield '\n'
    yield '\n</section>\n'

blocks = {}
debug_info = '2=42&3=45&4=49&5=53&6=69&9=85&11=88&12=94&13=100&15=103&21=127&22=129&23=131&27=139&29=153&31=180&33=191&34=193&38=201&39=203&40=208&43=211&45=217&48=232&49=235&50=241&51=245&52=248&53=252&54=259&55=267&56=270&57=272&58=280&59=283&60=287&61=290&62=292&63=301&66=310&67=312&68=325&69=328&70=336&74=343&75=347&77=350&78=352&79=358&80=360&81=366&83=369&85=375&88=390&90=393&92=399&95=419&98=426&102=437&103=439&104=442&106=490&110=493&111=495&112=497&113=503&114=515&117=518&119=522&122=534&123=540&128=543&129=545&130=548&132=565&136=572&137=575&138=577&139=579&140=583&141=587&142=603'

# Generated from templates/_body.html.j2 for the html memo by `python -m jichitai_cloud_advisor.engine.documents.precompiled`
# (Jinja2 3.1.6). Do not edit.
