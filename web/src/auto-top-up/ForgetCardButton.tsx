import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useForgetPaymentMethod } from '../api/queries.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

/**
 * Forgetting the card asks first, in an alert dialog (focus moves into it and returns to the button):
 * it turns auto top-up off and cannot be undone here — only a new purchase saves a card again.
 */
export function ForgetCardButton({ card }: { card: string }) {
  const forget = useForgetPaymentMethod();
  return (
    <DialogTrigger>
      <Button className="button button--danger">Forget this card</Button>
      <ModalOverlay className="modal-overlay">
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title">Forget {card}?</Heading>
                <p>
                  Auto top-up turns off and the card is removed from the payment provider. To use auto top-up
                  again, buy credits with “Save this card for auto top-up” ticked.
                </p>
                <ErrorNotice error={forget.error} />
                <div className="dialog__actions">
                  <Button className="button" onPress={close} autoFocus>
                    Keep the card
                  </Button>
                  <Button
                    className="button button--danger"
                    isDisabled={forget.isPending}
                    onPress={() => forget.mutate(undefined, { onSuccess: close })}
                  >
                    Forget the card
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
