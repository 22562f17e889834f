/* Searchable multi-selects with removable chips, for phones and keyboards alike.
   Every <select multiple data-chips> stays the form control (it is what the form
   sends); this script hides it and shows the chosen options as chips, with a search
   field over the options, grouped as the select's <optgroup>s are. Texts come from
   the select's data- attributes. */
(function () {
  'use strict';

  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
      .toLowerCase();
  }

  function enhance(select) {
    var texts = select.dataset;
    var box = document.createElement('div');
    box.className = 'chips-box';
    var chips = document.createElement('ul');
    chips.className = 'chips list-unstyled d-flex flex-wrap gap-1 mb-1';
    chips.id = select.id + '-chips';
    var search = document.createElement('input');
    search.type = 'search';
    search.className = 'form-control chips-search';
    search.id = select.id + '-search';
    search.placeholder = texts.search || '';
    search.setAttribute('aria-label', texts.search || '');
    search.setAttribute('autocomplete', 'off');
    search.setAttribute('role', 'combobox');
    search.setAttribute('aria-expanded', 'false');
    var options = document.createElement('ul');
    options.className = 'chips-options list-unstyled';
    options.id = select.id + '-options';
    options.setAttribute('role', 'listbox');
    options.setAttribute('aria-multiselectable', 'true');
    options.hidden = true;
    search.setAttribute('aria-controls', options.id);
    box.appendChild(chips);
    box.appendChild(search);
    box.appendChild(options);
    // still the form control, out of sight and out of the tab order (the chips stand in for it)
    select.classList.add('visually-hidden');
    select.setAttribute('aria-hidden', 'true');
    select.tabIndex = -1;
    select.addEventListener('change', function () { renderChips(); });
    select.parentNode.insertBefore(box, select.nextSibling);
    var label = document.querySelector('label[for="' + select.id + '"]');
    if (label) { label.htmlFor = search.id; }

    function renderChips() {
      chips.textContent = '';
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.selected) { return; }
        var chip = document.createElement('li');
        chip.className = 'chip badge text-bg-primary d-inline-flex align-items-center gap-1';
        chip.dataset.value = option.value;
        chip.appendChild(document.createTextNode(option.textContent));
        var remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'btn-close btn-close-white chip-remove';
        remove.setAttribute('aria-label', (texts.remove || '{name}').replace('{name}', option.textContent));
        remove.addEventListener('click', function () {
          option.selected = false;
          renderChips();
          renderOptions();
          search.focus();
        });
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
    }

    function matches() {
      var words = fold(search.value.trim()).split(/\s+/).filter(Boolean);
      return Array.prototype.filter.call(select.options, function (option) {
        var key = fold(option.textContent + ' ' + option.value + ' ' + (option.parentNode.label || ''));
        return !option.selected && words.every(function (word) { return key.indexOf(word) >= 0; });
      });
    }

    function renderOptions() {
      options.textContent = '';
      var group = null;
      var found = matches();
      found.forEach(function (option) {
        var groupLabel = option.parentNode.tagName === 'OPTGROUP' ? option.parentNode.label : '';
        if (groupLabel !== group) {
          group = groupLabel;
          if (group) {
            var heading = document.createElement('li');
            heading.className = 'chips-group small text-muted';
            heading.setAttribute('role', 'presentation');
            heading.textContent = group;
            options.appendChild(heading);
          }
        }
        var item = document.createElement('li');
        item.setAttribute('role', 'option');
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'chips-option';
        button.dataset.value = option.value;
        button.textContent = option.textContent;
        button.addEventListener('click', function () { add(option); });
        item.appendChild(button);
        options.appendChild(item);
      });
      if (!found.length) {
        var none = document.createElement('li');
        none.className = 'small text-muted';
        none.textContent = texts.none || '';
        options.appendChild(none);
      }
    }

    function open() {
      renderOptions();
      options.hidden = false;
      search.setAttribute('aria-expanded', 'true');
    }

    function close() {
      options.hidden = true;
      search.setAttribute('aria-expanded', 'false');
    }

    function add(option) {
      option.selected = true;
      search.value = '';
      renderChips();
      search.focus();
      close();  // typing opens the list again; closed, it covers nothing below
    }

    search.addEventListener('focus', open);
    search.addEventListener('input', open);
    search.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        var first = matches()[0];
        if (first && search.value.trim()) { add(first); }
        event.preventDefault();  // never submit the form from the search field
      } else if (event.key === 'ArrowDown') {
        var button = options.querySelector('button');
        if (button) { button.focus(); event.preventDefault(); }
      } else if (event.key === 'Escape') {
        close();
      } else if (event.key === 'Backspace' && !search.value) {
        var chosen = Array.prototype.filter.call(select.options, function (o) { return o.selected; });
        if (chosen.length) { chosen[chosen.length - 1].selected = false; renderChips(); renderOptions(); }
      }
    });
    window.CraftRoute.listboxKeys(options, search, close);
    box.addEventListener('focusout', function (event) {
      if (!event.relatedTarget || !box.contains(event.relatedTarget)) { close(); }
    });
    renderChips();
  }

  Array.prototype.forEach.call(document.querySelectorAll('select[multiple][data-chips]'), enhance);
})();
