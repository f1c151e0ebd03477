"""The stand-in for Stripe.js v3 served by the fake at ``/v3/``: the subset the card payment
page uses (Payment Element with a card-number input, ``confirmPayment``, the fake 3-D Secure
page). It talks to the fake with the publishable key, as Stripe.js does."""

import json


def stripe_js(fake):
    """The stand-in for Stripe.js v3: the subset the card payment page uses."""
    return STRIPE_JS.replace("__API__", json.dumps(fake.url))


STRIPE_JS = r"""
(function () {
  var API = __API__;
  function form(obj, prefix, out) {
    out = out || [];
    Object.keys(obj).forEach(function (k) {
      var key = prefix ? prefix + "[" + k + "]" : k, v = obj[k];
      if (v !== null && typeof v === "object") form(v, key, out);
      else if (v !== undefined) out.push(encodeURIComponent(key) + "=" + encodeURIComponent(v));
    });
    return out.join("&");
  }
  function Elements(stripe, options) {
    this._stripe = stripe;
    this._clientSecret = options.clientSecret;
    this._element = null;
  }
  Elements.prototype.create = function (type) {
    if (type !== "payment") throw new Error("Unsupported element: " + type);
    var element = {
      _input: null,
      mount: function (selector) {
        var host = typeof selector === "string" ? document.querySelector(selector) : selector;
        host.innerHTML =
          '<div class="fake-stripe-payment-element">' +
          '<label for="fake-card-number">Card number</label>' +
          '<input id="fake-card-number" name="cardnumber" autocomplete="cc-number" ' +
          'inputmode="numeric" placeholder="1234 1234 1234 1234" class="form-control">' +
          '<label for="fake-card-expiry">Expiry</label>' +
          '<input id="fake-card-expiry" name="exp-date" placeholder="MM / YY" value="12 / 34" class="form-control">' +
          '<label for="fake-card-cvc">CVC</label>' +
          '<input id="fake-card-cvc" name="cvc" placeholder="CVC" value="123" class="form-control">' +
          "</div>";
        this._input = host.querySelector("#fake-card-number");
        var self = this;
        setTimeout(function () { (self._handlers.ready || []).forEach(function (f) { f({}); }); }, 0);
      },
      _handlers: {},
      on: function (name, handler) {
        (this._handlers[name] = this._handlers[name] || []).push(handler);
      },
    };
    this._element = element;
    return element;
  };
  function Stripe(publishableKey) {
    if (!(this instanceof Stripe)) return new Stripe(publishableKey);
    this._key = publishableKey;
  }
  Stripe.prototype.elements = function (options) { return new Elements(this, options || {}); };
  Stripe.prototype.confirmPayment = function (options) {
    var elements = options.elements, params = options.confirmParams || {};
    var secret = elements._clientSecret, intentId = secret.split("_secret_")[0];
    var number = elements._element && elements._element._input ? elements._element._input.value : "";
    var body = form({
      client_secret: secret,
      return_url: params.return_url,
      payment_method_data: { type: "card", card: { number: number.replace(/\D/g, "") } },
    });
    return fetch(API + "/v1/payment_intents/" + intentId + "/confirm", {
      method: "POST",
      headers: {
        Authorization: "Bearer " + this._key,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: body,
    }).then(function (response) {
      return response.json().then(function (data) {
        if (data.error) return { error: data.error };
        if (data.status === "requires_action" && data.next_action) {
          window.location.assign(data.next_action.redirect_to_url.url);
          return new Promise(function () {});
        }
        var sep = params.return_url.indexOf("?") >= 0 ? "&" : "?";
        window.location.assign(params.return_url + sep + "payment_intent=" + data.id +
          "&payment_intent_client_secret=" + encodeURIComponent(secret) +
          "&redirect_status=succeeded");
        return new Promise(function () {});
      });
    }, function (err) {
      return { error: { type: "api_connection_error", message: String(err) } };
    });
  };
  window.Stripe = Stripe;
})();
"""
