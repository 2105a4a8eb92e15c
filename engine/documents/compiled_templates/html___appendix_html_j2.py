from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_appendix.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_t = resolve('t')
    l_0_common = resolve('common')
    l_0_appendix = resolve('appendix')
    try:
        t_1 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    pass
    yield '<section id="appendix">\n<h2>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_appendix'))
    yield '</h2>\n<table class="facts">\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'audit_counts'))
    yield '</th><td>'
    yield escape(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'count_line'), environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'counts')))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'derived'))
    yield '</th><td>'
    yield escape((t_2(context.eval_ctx, environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'derived_text'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'list_sep')) or environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'none')))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'tool'))
    yield '</th><td>'
    yield escape(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'tool'))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'as_of'))
    yield '</th><td>'
    yield escape(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'as_of_text'))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'ruleset_hash'))
    yield '</th><td><code>'
    yield escape(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'ruleset_sha256'))
    yield '</code>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rule_count'), 'format'), n=environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'rules')))
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'profile_hash'))
    yield '</th><td><code>'
    yield escape(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'profile_sha256'))
    yield '</code></td></tr>\n</table>\n<table class="params">\n<colgroup><col class="name"><col class="value"><col class="from"><col class="conf"></colgroup>\n<thead><tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'parameters'))
    yield '</th><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'value'))
    yield '</th><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'valid_from'))
    yield '</th><th>'
    yield escape(t_1(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'confidence')))
    yield '</th></tr></thead>\n<tbody>\n'
    for l_1_p in environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'parameters'):
        _loop_vars = {}
        pass
        yield '<tr><td>'
        yield escape(environment.getattr(l_1_p, 'label'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_p, 'value'))
        yield '</td><td class="date">'
        yield escape(environment.getattr(l_1_p, 'valid_from'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_p, 'confidence'))
        yield '</td></tr>\n'
    l_1_p = missing
    yield '</tbody>\n</table>\n<p class="note">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'reproduce'))
    yield ': <code>'
    yield escape(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'command'))
    yield '</code></p>\n</section>\n'

blocks = {}
debug_info = '2=27&4=29&5=33&6=37&7=41&8=45&9=53&13=57&15=65&18=79'

# Generated from templates/_appendix.html.j2 for the html memo by `python -m jichitai_cloud_advisor.engine.documents.precompiled`
# (Jinja2 3.1.6). Do not edit.
