from django.views.generic import DetailView, ListView

from .models import Producer


class ProducerListView(ListView):
    model = Producer
    template_name = "producers/producer_list.html"


class ProducerDetailView(DetailView):
    model = Producer
    template_name = "producers/producer_detail.html"
