/** Demo knowledge for the seeded tenant: enough for the widget to answer real questions. */
export const demoDocuments = [
  {
    title: 'Shipping policy',
    category: 'orders',
    content: `# Shipping policy

Acme ships every order from our warehouse in Rotterdam. Orders placed before 14:00 CET on a working day leave the warehouse the same day.

Standard shipping within the European Union takes 2 to 4 working days and costs 4.95 euros. Orders above 50 euros ship for free.

Express shipping delivers the next working day in the Netherlands, Belgium and Germany and costs 12.50 euros.

We ship to the United Kingdom, Switzerland and Norway in 4 to 7 working days; customs duties are paid by the recipient.

Every parcel has a tracking link, sent by email as soon as the carrier scans it.`,
  },
  {
    title: 'Returns and refunds',
    category: 'orders',
    content: `# Returns and refunds

You can return any product within 30 days of delivery, for any reason. Products must be unused and in their original packaging.

To start a return, open your order in your Acme account and choose "Return items". You receive a prepaid return label by email. Returns are free within the European Union.

Refunds are paid to the original payment method within 5 working days after the returned parcel reaches our warehouse.

Personalised products and gift cards cannot be returned.`,
  },
  {
    title: 'Rocket Skates X2 product guide',
    category: 'products',
    content: `# Rocket Skates X2

The Rocket Skates X2 reach a top speed of 40 km/h and run for 45 minutes on one charge. A full charge takes 90 minutes with the included USB-C charger.

The X2 weighs 3.2 kg per skate and fits shoe sizes 38 to 47. The battery is replaceable; spare batteries cost 89 euros.

Safety: always wear a helmet and knee pads. The skates brake automatically when you lean back for more than two seconds.

The Rocket Skates X2 have a two-year warranty covering the motor and the battery.`,
  },
  {
    title: 'Support hours and contact',
    category: 'support',
    content: `# Support hours and contact

Our support team answers chat and email from Monday to Friday, 08:00 to 20:00 CET, and on Saturday from 10:00 to 16:00 CET.

Email support@acme.test and we reply within one working day. For urgent issues with an order that has not arrived, call +31 20 123 4567.

Acme support speaks English, Dutch and German.`,
  },
] as const;
