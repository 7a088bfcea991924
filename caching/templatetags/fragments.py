from django import template

from caching import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, vary_on, nodelist):
        self.name, self.vary_on, self.nodelist = name, vary_on, nodelist

    def render(self, context):
        request = context.get("request")
        vary = [value.resolve(context) for value in self.vary_on]
        return fragments.render_one(
            request, self.name, vary, lambda: self.nodelist.render(context)
        )


@register.tag
def fragment(parser, token):
    """{% fragment "name" value ... %}...{% endfragment %}: what is inside,
    rendered once per content generation for each combination of the values
    (caching/fragments.py). Everything inside that differs between pages must
    be among the values."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            "{% fragment %} takes a quoted name, then the values it varies by."
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
