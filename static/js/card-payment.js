/* The card payment page (templates/payments/card_payment.html): mounts Stripe's Payment
   Element and confirms the payment; the form's data- attributes carry the client secret,
   the publishable key and the return address. */
(function () {
  var form = document.getElementById("card-payment-form");
  var button = document.getElementById("card-payment-submit");
  var message = document.getElementById("card-payment-message");
  var returnUrl = form.dataset.returnUrl;
  var stripe = Stripe(form.dataset.publishableKey);
  var elements = stripe.elements({clientSecret: form.dataset.clientSecret});
  var paymentElement = elements.create("payment");
  paymentElement.mount("#payment-element");
  button.disabled = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    message.classList.add("d-none");
    stripe.confirmPayment({elements: elements, confirmParams: {return_url: returnUrl}}).then(function (result) {
      if (!result || !result.error) return;
      if (result.error.type === "card_error" && result.error.payment_intent) {
        // The payment failed at the bank: the server says what happens to the order.
        window.location.assign(returnUrl + "?payment_intent=" + result.error.payment_intent.id);
        return;
      }
      message.textContent = result.error.message;
      message.classList.remove("d-none");
      button.disabled = false;
    });
  });
})();
