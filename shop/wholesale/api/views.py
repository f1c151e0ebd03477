"""The procurement API (token authentication): products with wholesale terms, business orders
and their invoices."""

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from oscar.core.loading import get_model
from rest_framework import permissions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from .. import services
from ..models import BusinessOrder
from .serializers import (
    OrderInputSerializer,
    OrderSerializer,
    ProductSerializer,
    order_data,
    product_data,
)

StockRecord = get_model("partner", "StockRecord")

ErrorSerializer = inline_serializer(
    "Error",
    fields={
        "detail": serializers.CharField(required=False),
        "errors": serializers.ListField(child=serializers.CharField(), required=False),
    },
)


AUTH_ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="No or invalid token."),
    403: OpenApiResponse(ErrorSerializer, description="Not a verified business's buyer."),
}


class IsVerifiedBusinessBuyer(permissions.BasePermission):
    message = _("Only buyers of a verified business can use this.")

    def has_permission(self, request, view):
        return services.verified_business_for(request.user) is not None


class ProductListView(GenericAPIView):
    """Public products with retail price and stock; wholesale terms for verified businesses."""

    serializer_class = ProductSerializer

    @extend_schema(responses={200: ProductSerializer(many=True), **AUTH_ERRORS})
    def get(self, request):
        return self.list_products(request)

    def get_queryset(self):
        return (
            StockRecord.objects.filter(product__is_public=True)
            .select_related("product", "wholesale_terms")
            .prefetch_related("price_tiers")
            .order_by("pk")
        )

    def list_products(self, request):
        business = services.verified_business_for(request.user)
        page = self.paginate_queryset(self.get_queryset())
        rows = []
        for record in page:
            record._wholesale_tiers = list(record.price_tiers.all())
            record._wholesale_terms = getattr(record, "wholesale_terms", None)
            rows.append(product_data(record, business))
        return self.get_paginated_response(ProductSerializer(rows, many=True).data)


class OrderListView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, IsVerifiedBusinessBuyer]
    serializer_class = OrderSerializer

    def get_queryset(self):
        business = services.verified_business_for(self.request.user)
        return (
            BusinessOrder.objects.filter(business=business)
            .select_related("order", "invoice")
            .order_by("-pk")
        )

    @extend_schema(responses={200: OrderSerializer(many=True), **AUTH_ERRORS})
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(
            OrderSerializer([order_data(bo, request) for bo in page], many=True).data
        )

    @extend_schema(
        request=OrderInputSerializer,
        responses={
            201: OrderSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Invalid order: nothing placed."),
            **AUTH_ERRORS,
        },
    )
    def post(self, request):
        business = services.verified_business_for(request.user)
        payload = OrderInputSerializer(data=request.data, context={"business": business})
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        rows = [(n, line["sku"], line["quantity"]) for n, line in enumerate(data["lines"], 1)]
        try:
            with transaction.atomic():
                order = services.place_business_order(
                    user=request.user,
                    business=business,
                    rows=rows,
                    po_number=data["po_number"],
                    delivery_date=data.get("delivery_date"),
                    store=data.get("store"),
                )
        except services.OrderRejected as exc:
            errors = [
                f"lines[{row - 1}]: {message}" if row else message for row, message in exc.errors
            ]
            return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        business_order = BusinessOrder.objects.select_related("order", "invoice").get(order=order)
        return Response(
            OrderSerializer(order_data(business_order, request)).data,
            status=status.HTTP_201_CREATED,
        )


class OrderDetailView(GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, IsVerifiedBusinessBuyer]
    serializer_class = OrderSerializer

    @extend_schema(
        responses={
            200: OrderSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No such order."),
            **AUTH_ERRORS,
        }
    )
    def get(self, request, number):
        business = services.verified_business_for(request.user)
        business_order = (
            BusinessOrder.objects.filter(business=business, order__number=number)
            .select_related("order", "invoice")
            .first()
        )
        if business_order is None:
            raise Http404
        return Response(OrderSerializer(order_data(business_order, request)).data)
