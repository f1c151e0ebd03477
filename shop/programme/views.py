from django.http import JsonResponse


def stats_json(request):
    return JsonResponse({})
