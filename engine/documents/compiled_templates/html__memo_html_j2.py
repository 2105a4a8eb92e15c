from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'memo.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_lang = resolve('lang')
    l_0_t = resolve('t')
    l_0_header = resolve('header')
    l_0_css = resolve('css')
    l_0_tool_version = resolve('tool_version')
    l_0_appendix = resolve('appendix')
    l_0_common = missing
    pass
    l_0_common = context.vars['common'] = environment.get_template('_common.j2', 'memo.html.j2').make_module(context.get_all(), True, {'common': l_0_common})
    context.exported_vars.discard('common')
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape((undefined(name='lang') if l_0_lang is missing else l_0_lang))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'title'))
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'colon'))
    yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'municipality'))
    yield '</title>\n<style>\n'
    yield escape((undefined(name='css') if l_0_css is missing else l_0_css))
    yield '\n</style>\n</head>\n<body>\n'
    template = environment.get_template('_header.html.j2', 'memo.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'common': l_0_common}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '\n'
    template = environment.get_template('_body.html.j2', 'memo.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'common': l_0_common}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '\n'
    template = environment.get_template('_appendix.html.j2', 'memo.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'common': l_0_common}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '\n<footer>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'prepared'))
    yield ' jichitai-cloud-advisor '
    yield escape((undefined(name='tool_version') if l_0_tool_version is missing else l_0_tool_version))
    yield ' · '
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'as_of'))
    yield ' '
    yield escape(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'as_of_text'))
    yield ' · sha256 '
    yield escape(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'ruleset_sha256')[:12])
    yield '</footer>\n</body>\n</html>\n'

blocks = {}
debug_info = '1=18&3=21&7=23&9=27&13=29&14=36&15=43&16=50'

# Generated from templates/memo.html.j2 for the html memo by `python -m jichitai_cloud_advisor.engine.documents.precompiled`
# (Jinja2 3.1.6). Do not edit.
